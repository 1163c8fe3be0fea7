package io.peakhub.gateway.impersonation;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Kept in the browser session while an admin is logged in as a customer: who is impersonated (and
 * their first account's name, for the banner; null when unknown), until when, and the admin's own
 * authentication and tokens to restore on exit. Serializable: sessions may move to a shared store.
 */
public record ActiveImpersonation(
    UUID id,
    String userId,
    String username,
    String name,
    String accountName,
    Instant startedAt,
    Instant expiresAt,
    OAuth2AuthenticationToken admin,
    OAuth2AuthorizedClient adminClient)
    implements Serializable {

  static final String ATTRIBUTE = ActiveImpersonation.class.getName();

  /**
   * When the gateway last asked identity-service whether another admin ended this impersonation.
   */
  static final String CHECKED_AT = ActiveImpersonation.class.getName() + ".checkedAt";
}
