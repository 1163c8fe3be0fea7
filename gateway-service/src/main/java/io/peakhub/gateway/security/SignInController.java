package io.peakhub.gateway.security;

import io.peakhub.gateway.problem.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionOAuth2ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sign-ins that come back to a page of the app. {@code /login/reauthenticate?return=/path} makes
 * Keycloak ask for the password again ({@code prompt=login}, {@code max_age=0}), so the new access
 * token's {@code auth_time} is recent (billing asks for that before an e-mail change); {@code
 * /login/start?return=/path} is an ordinary sign-in. Both return only to a path of this site.
 */
@RestController
class SignInController {

  /**
   * Session attribute read by {@link ReturnToSuccessHandler} once Keycloak has sent the browser
   * back.
   */
  static final String RETURN_TO = "peakhub.returnTo";

  static final String REGISTRATION = "keycloak";

  private final DefaultServerOAuth2AuthorizationRequestResolver resolver;
  private final ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> requests =
      new WebSessionOAuth2ServerAuthorizationRequestRepository();

  SignInController(ReactiveClientRegistrationRepository registrations) {
    this.resolver = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
  }

  @GetMapping("/login/reauthenticate")
  Mono<Void> reauthenticate(
      @RequestParam(name = "return", required = false) String returnTo,
      ServerWebExchange exchange) {
    return signIn(returnTo, true, exchange);
  }

  @GetMapping("/login/start")
  Mono<Void> start(
      @RequestParam(name = "return", required = false) String returnTo,
      ServerWebExchange exchange) {
    return signIn(returnTo, false, exchange);
  }

  private Mono<Void> signIn(String returnTo, boolean askPasswordAgain, ServerWebExchange exchange) {
    var target = ReturnPath.of(returnTo);
    if (target.isEmpty()) {
      return Problems.write(
          exchange,
          HttpStatus.BAD_REQUEST,
          "invalid-input",
          "'return' must be a path of this site, such as /accounts/.../contacts/edit.");
    }
    return resolver
        .resolve(exchange, REGISTRATION)
        .map(request -> askPasswordAgain ? withPrompt(request) : request)
        .flatMap(
            request ->
                requests
                    .saveAuthorizationRequest(request, exchange)
                    .then(exchange.getSession())
                    .doOnNext(session -> session.getAttributes().put(RETURN_TO, target.get()))
                    .then(
                        Mono.fromRunnable(
                            () -> {
                              exchange.getResponse().setStatusCode(HttpStatus.FOUND);
                              exchange
                                  .getResponse()
                                  .getHeaders()
                                  .setLocation(URI.create(request.getAuthorizationRequestUri()));
                            })))
        .then();
  }

  private static OAuth2AuthorizationRequest withPrompt(OAuth2AuthorizationRequest request) {
    String uri =
        UriComponentsBuilder.fromUriString(request.getAuthorizationRequestUri())
            .queryParam("prompt", "login")
            .queryParam("max_age", "0")
            .build(true)
            .toUriString();
    return OAuth2AuthorizationRequest.from(request)
        .additionalParameters(
            p -> {
              p.put("prompt", "login");
              p.put("max_age", "0");
            })
        .authorizationRequestUri(uri)
        .build();
  }
}
