package io.peakhub.gateway.security;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The OAuth2 client registrations of the configuration, completed from Keycloak's discovery
 * document at their first use instead of at start-up (Spring Boot's own repository reads it while
 * the application starts, so the gateway could not start before Keycloak was ready). The devstack
 * therefore starts the gateway beside Keycloak. Until Keycloak answers, signing in is a 503 and the
 * next attempt asks again; once read, the registrations are kept.
 */
final class LazyClientRegistrations implements ReactiveClientRegistrationRepository {

  private final Supplier<Map<String, ClientRegistration>> discover;
  private volatile Map<String, ClientRegistration> registrations;

  LazyClientRegistrations(Supplier<Map<String, ClientRegistration>> discover) {
    this.discover = discover;
  }

  @Override
  public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
    Map<String, ClientRegistration> known = registrations;
    if (known != null) {
      return Mono.justOrEmpty(known.get(registrationId));
    }
    return Mono.fromCallable(this::load)
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(all -> Mono.justOrEmpty(all.get(registrationId)));
  }

  private synchronized Map<String, ClientRegistration> load() {
    if (registrations == null) {
      try {
        registrations = Map.copyOf(discover.get());
      } catch (RuntimeException e) {
        throw new ResponseStatusException(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Keycloak is not answering yet (" + e.getMessage() + "); try signing in again shortly.",
            e);
      }
    }
    return registrations;
  }
}
