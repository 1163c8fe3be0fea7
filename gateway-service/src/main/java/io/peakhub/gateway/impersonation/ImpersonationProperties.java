package io.peakhub.gateway.impersonation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * "Login as Customer" settings.
 *
 * @param maxDuration an impersonation ends by itself after this long; keep it at or below
 *     Keycloak's session idle timeout, because the admin's own Keycloak session is not refreshed
 *     meanwhile
 * @param revocationCheckInterval how often, at most, a request of an impersonating session asks
 *     identity-service whether another admin ended it
 * @param identityServiceUrl identity-service, which checks the target and keeps the audit trail
 * @param exitTo where the browser goes after exit
 */
@ConfigurationProperties("peakhub.impersonation")
public record ImpersonationProperties(
    @DefaultValue("30m") Duration maxDuration,
    @DefaultValue("15s") Duration revocationCheckInterval,
    @DefaultValue("http://localhost:8081") String identityServiceUrl,
    @DefaultValue("/admin/users") String exitTo) {}
