package io.peakhub.cases.identity;

import io.peakhub.platform.access.AccessProperties;
import io.peakhub.platform.access.IdentityAccountAccess;
import io.peakhub.platform.problem.ServiceUnavailableException;
import io.peakhub.platform.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * identity-service over HTTP with the caller's token. The settings are the same for everyone and
 * change rarely, so one answer is kept for {@code peakhub.cases.settings-ttl} (5 s): a change takes
 * effect within seconds without asking identity-service on every request. Contacts are asked each
 * time (a manager opens a case on behalf of one now and then).
 */
@Component
class IdentityClient implements Identity {

  private static final Logger log = LoggerFactory.getLogger(IdentityClient.class);

  private record Cached(PortalSettings settings, Instant until) {}

  private final RestClient identity;
  private final Clock clock;
  private final Duration ttl;
  private volatile Cached cached;
  private volatile PortalSettings lastKnown = PortalSettings.defaults();

  IdentityClient(
      RestClient.Builder builder,
      Clock clock,
      @Value("${peakhub.identity.url}") String identityUrl,
      AccessProperties access,
      @Value("${peakhub.cases.settings-ttl:5s}") Duration ttl) {
    this.identity = IdentityAccountAccess.client(builder, identityUrl, access);
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public PortalSettings settings() {
    Instant now = clock.instant();
    Cached current = cached;
    if (current != null && current.until().isAfter(now)) {
      return current.settings();
    }
    PortalSettings fresh =
        call(
            () ->
                identity
                    .get()
                    .uri("/settings")
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(PortalSettings.class));
    PortalSettings settings = fresh == null ? PortalSettings.defaults() : fresh;
    cached = new Cached(settings, now.plus(ttl));
    lastKnown = settings;
    return settings;
  }

  @Override
  public PortalSettings lastKnown() {
    return lastKnown;
  }

  /** Drops the kept settings: the next request asks identity-service again. */
  public void forgetSettings() {
    cached = null;
  }

  /** identity-service announces a settings change as an access change for everyone. */
  @org.springframework.context.event.EventListener
  void on(io.peakhub.platform.access.AccessChangeListener.AccessChanged changed) {
    if (changed.everyone()) {
      forgetSettings();
    }
  }

  @Override
  public List<Contact> contacts(String accountId) {
    Contact[] contacts =
        call(
            () -> {
              try {
                return identity
                    .get()
                    .uri("/accounts/{id}/contacts", accountId)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(Contact[].class);
              } catch (org.springframework.web.client.HttpClientErrorException.NotFound e) {
                return new Contact[0];
              }
            });
    return contacts == null ? List.of() : Arrays.asList(contacts);
  }

  private static String token() {
    return CurrentUser.get().token();
  }

  private static <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (RestClientException e) {
      log.warn("identity-service call failed, answering 503: {}", e.toString());
      throw new ServiceUnavailableException(
          IdentityAccountAccess.SERVICE,
          "Portal settings cannot be read right now: identity-service is unavailable.",
          Duration.ofSeconds(5));
    }
  }
}
