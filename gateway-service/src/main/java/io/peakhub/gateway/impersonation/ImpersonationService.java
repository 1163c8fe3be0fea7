package io.peakhub.gateway.impersonation;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.ReactiveOidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Service;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Swaps a browser session from the admin to a customer and back
 * (docs/adr/0009-login-as-customer.md): Keycloak's legacy token exchange with {@code
 * requested_subject} gives the customer's tokens (the admin's own Keycloak session stays); the
 * customer's client is saved under the normal registration so TokenRelay and refresh treat it like
 * any login; the admin's authentication and client wait in the session. Each swap saves a new
 * security context, which changes the session id.
 */
@Service
public class ImpersonationService {

  static final String REGISTRATION = "keycloak";
  static final String REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token";

  /** A token exchange that names the user to act as (Keycloak V1's {@code requested_subject}). */
  static final class RequestedSubjectGrantRequest extends TokenExchangeGrantRequest {
    final String requestedSubject;

    RequestedSubjectGrantRequest(
        ClientRegistration registration, OAuth2Token subjectToken, String requestedSubject) {
      super(registration, subjectToken, null);
      this.requestedSubject = requestedSubject;
    }
  }

  private final ReactiveClientRegistrationRepository registrations;
  private final ServerOAuth2AuthorizedClientRepository authorizedClients;
  private final ReactiveOAuth2AuthorizedClientManager clientManager;
  private final KeycloakOidcUserService oidcUsers;
  private final IdentityImpersonations identity;
  private final KeycloakSessions keycloakSessions;
  private final CustomerAccounts accounts;
  private final Clock clock;
  private final ServerSecurityContextRepository contexts =
      new WebSessionServerSecurityContextRepository();
  private final ReactiveOidcIdTokenDecoderFactory idTokenDecoders =
      new ReactiveOidcIdTokenDecoderFactory();
  private final WebClientReactiveTokenExchangeTokenResponseClient tokenExchange =
      new WebClientReactiveTokenExchangeTokenResponseClient();
  private final RefreshTokenReactiveOAuth2AuthorizedClientProvider refresher =
      new RefreshTokenReactiveOAuth2AuthorizedClientProvider();

  ImpersonationService(
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients,
      ReactiveOAuth2AuthorizedClientManager clientManager,
      KeycloakOidcUserService oidcUsers,
      IdentityImpersonations identity,
      KeycloakSessions keycloakSessions,
      CustomerAccounts accounts,
      Optional<Clock> clock) {
    this.accounts = accounts;
    this.registrations = registrations;
    this.authorizedClients = authorizedClients;
    this.clientManager = clientManager;
    this.oidcUsers = oidcUsers;
    this.identity = identity;
    this.keycloakSessions = keycloakSessions;
    this.clock = clock.orElse(Clock.systemUTC());
    tokenExchange.addParametersConverter(
        grant -> {
          MultiValueMap<String, String> extra = new LinkedMultiValueMap<>();
          if (grant instanceof RequestedSubjectGrantRequest r) {
            extra.add("requested_subject", r.requestedSubject);
          }
          return extra;
        });
    // Spring asks for an access token, for which Keycloak returns no refresh token: ask for a
    // refresh token
    // (set, not add: a second value would be sent otherwise)
    tokenExchange.setParametersCustomizer(p -> p.set("requested_token_type", REFRESH_TOKEN_TYPE));
    refresher.setClockSkew(Duration.ofSeconds(10));
    refresher.setClock(this.clock);
  }

  public Mono<ActiveImpersonation> current(ServerWebExchange exchange) {
    return exchange.getSession().mapNotNull(s -> s.getAttribute(ActiveImpersonation.ATTRIBUTE));
  }

  /**
   * Starts an impersonation of {@code userId} for the signed-in admin; the checks on the caller are
   * the controller's.
   */
  Mono<ActiveImpersonation> start(
      ServerWebExchange exchange,
      OAuth2AuthenticationToken admin,
      String userId,
      String reason,
      Duration maxDuration) {
    OAuth2AuthorizeRequest authorize =
        OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
            .principal(admin)
            .attribute(ServerWebExchange.class.getName(), exchange)
            .build();
    String source =
        exchange.getRequest().getRemoteAddress() == null
            ? null
            : exchange.getRequest().getRemoteAddress().getAddress().getHostAddress();
    return clientManager
        .authorize(authorize)
        .switchIfEmpty(
            Mono.error(
                new ImpersonationRefused(
                    HttpStatus.UNAUTHORIZED,
                    "session-expired",
                    "Your sign-in has expired. Sign in again.")))
        .flatMap(
            adminClient ->
                identity
                    .check(adminClient.getAccessToken().getTokenValue(), userId)
                    .then(exchangeFor(adminClient, userId))
                    .flatMap(
                        tokens ->
                            customer(adminClient.getClientRegistration(), tokens, userId)
                                .flatMap(
                                    user ->
                                        identity
                                            .start(
                                                adminClient.getAccessToken().getTokenValue(),
                                                userId,
                                                reason,
                                                source)
                                            .onErrorResume(
                                                e ->
                                                    keycloakSessions
                                                        .end(
                                                            adminClient.getClientRegistration(),
                                                            tokens.getRefreshToken())
                                                        .then(Mono.error(e)))
                                            .flatMap(
                                                started ->
                                                    accounts
                                                        .firstAccountName(
                                                            tokens.getAccessToken().getTokenValue())
                                                        .map(java.util.Optional::of)
                                                        .defaultIfEmpty(java.util.Optional.empty())
                                                        .flatMap(
                                                            accountName -> {
                                                              var customerAuth =
                                                                  new OAuth2AuthenticationToken(
                                                                      user,
                                                                      user.getAuthorities(),
                                                                      REGISTRATION);
                                                              var customerClient =
                                                                  new OAuth2AuthorizedClient(
                                                                      adminClient
                                                                          .getClientRegistration(),
                                                                      user.getName(),
                                                                      tokens.getAccessToken(),
                                                                      tokens.getRefreshToken());
                                                              // the gateway's cap and identity's
                                                              // record agree on the earlier end
                                                              var expires =
                                                                  started.expiresAt() != null
                                                                          && started
                                                                              .expiresAt()
                                                                              .isBefore(
                                                                                  started
                                                                                      .startedAt()
                                                                                      .plus(
                                                                                          maxDuration))
                                                                      ? started.expiresAt()
                                                                      : started
                                                                          .startedAt()
                                                                          .plus(maxDuration);
                                                              var state =
                                                                  new ActiveImpersonation(
                                                                      started.id(),
                                                                      user.getSubject(),
                                                                      user.getPreferredUsername(),
                                                                      user.getFullName() != null
                                                                          ? user.getFullName()
                                                                          : user
                                                                              .getPreferredUsername(),
                                                                      accountName.orElse(null),
                                                                      started.startedAt(),
                                                                      expires,
                                                                      admin,
                                                                      adminClient);
                                                              return exchange
                                                                  .getSession()
                                                                  .doOnNext(
                                                                      s -> {
                                                                        s.getAttributes()
                                                                            .put(
                                                                                ActiveImpersonation
                                                                                    .ATTRIBUTE,
                                                                                state);
                                                                        s.getAttributes()
                                                                            .put(
                                                                                ActiveImpersonation
                                                                                    .CHECKED_AT,
                                                                                clock.instant());
                                                                      })
                                                                  .then(
                                                                      authorizedClients
                                                                          .saveAuthorizedClient(
                                                                              customerClient,
                                                                              customerAuth,
                                                                              exchange))
                                                                  .then(
                                                                      contexts.save(
                                                                          exchange,
                                                                          new SecurityContextImpl(
                                                                              customerAuth)))
                                                                  .thenReturn(state);
                                                            })))));
  }

  private Mono<OAuth2AccessTokenResponse> exchangeFor(
      OAuth2AuthorizedClient adminClient, String userId) {
    ClientRegistration exchangeRegistration =
        ClientRegistration.withClientRegistration(adminClient.getClientRegistration())
            .authorizationGrantType(AuthorizationGrantType.TOKEN_EXCHANGE)
            .build();
    return tokenExchange
        .getTokenResponse(
            new RequestedSubjectGrantRequest(
                exchangeRegistration, adminClient.getAccessToken(), userId))
        // Keycloak answers the same 403 for "not allowed" and "no such user"; its event log has the
        // reason
        .onErrorMap(
            OAuth2AuthorizationException.class,
            e ->
                new ImpersonationRefused(
                    HttpStatus.FORBIDDEN,
                    "impersonation-not-allowed",
                    "Keycloak refused to let you log in as this user."));
  }

  /** Validates the exchanged ID token and builds the customer's OIDC user as at login. */
  private Mono<OidcUser> customer(
      ClientRegistration registration, OAuth2AccessTokenResponse tokens, String userId) {
    Object idToken = tokens.getAdditionalParameters().get("id_token");
    if (idToken == null || tokens.getRefreshToken() == null) {
      return keycloakSessions
          .end(registration, tokens.getRefreshToken())
          .then(
              Mono.error(
                  new ImpersonationRefused(
                      HttpStatus.BAD_GATEWAY,
                      "impersonation-failed",
                      "Keycloak's answer lacked the ID token or the refresh token.")));
    }
    return idTokenDecoders
        .createDecoder(registration)
        .decode(idToken.toString())
        .map(
            jwt ->
                new OidcIdToken(
                    jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()))
        .filter(id -> userId.equals(id.getSubject()) || userId.equals(id.getPreferredUsername()))
        .switchIfEmpty(
            Mono.error(
                new ImpersonationRefused(
                    HttpStatus.BAD_GATEWAY,
                    "impersonation-failed",
                    "Keycloak issued tokens for another user than the one asked for.")))
        .flatMap(
            id ->
                oidcUsers.loadUser(
                    new OidcUserRequest(
                        registration,
                        tokens.getAccessToken(),
                        id,
                        tokens.getAdditionalParameters())))
        .onErrorResume(
            e -> !(e instanceof ImpersonationRefused),
            e ->
                keycloakSessions
                    .end(registration, tokens.getRefreshToken())
                    .then(
                        Mono.error(
                            new ImpersonationRefused(
                                HttpStatus.BAD_GATEWAY,
                                "impersonation-failed",
                                "Keycloak's ID token for this user was not valid."))));
  }

  /**
   * Ends the impersonation of this session, if any: ends the impersonated Keycloak session, tells
   * identity-service how it ended (unless it told us), and, when {@code restore}, puts the admin's
   * client and context back (the session id changes again). Safe to run twice: the first run takes
   * the state out of the session.
   */
  Mono<ActiveImpersonation> end(
      ServerWebExchange exchange, String how, boolean report, boolean restore) {
    return exchange
        .getSession()
        .flatMap(
            session -> {
              ActiveImpersonation state =
                  (ActiveImpersonation)
                      session.getAttributes().remove(ActiveImpersonation.ATTRIBUTE);
              session.getAttributes().remove(ActiveImpersonation.CHECKED_AT);
              if (state == null) {
                return Mono.empty();
              }
              Mono<Void> endCustomer =
                  authorizedClients
                      .loadAuthorizedClient(REGISTRATION, state.admin(), exchange)
                      .flatMap(
                          c ->
                              keycloakSessions.end(c.getClientRegistration(), c.getRefreshToken()));
              Mono<OAuth2AuthorizedClient> admin =
                  refresher
                      .authorize(
                          OAuth2AuthorizationContext.withAuthorizedClient(state.adminClient())
                              .principal(state.admin())
                              .build())
                      .defaultIfEmpty(state.adminClient())
                      // the admin's Keycloak session may have idled out meanwhile: restore anyway;
                      // the next call signs them out
                      .onErrorReturn(state.adminClient());
              return endCustomer
                  .then(admin)
                  .flatMap(
                      adminClient -> {
                        Mono<Void> told =
                            report
                                ? identity.end(
                                    adminClient.getAccessToken().getTokenValue(), state.id(), how)
                                : Mono.empty();
                        Mono<Void> restored =
                            restore
                                ? authorizedClients
                                    .saveAuthorizedClient(adminClient, state.admin(), exchange)
                                    .then(
                                        contexts.save(
                                            exchange, new SecurityContextImpl(state.admin())))
                                : Mono.empty();
                        return told.then(restored);
                      })
                  .thenReturn(state);
            });
  }

  /**
   * Asks identity-service, with the session's current token, whether the impersonation is still on.
   */
  Mono<Boolean> stillActive(ServerWebExchange exchange, ActiveImpersonation state) {
    return contexts
        .load(exchange)
        .map(SecurityContext::getAuthentication)
        .flatMap(
            principal ->
                clientManager.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
                        .principal(principal)
                        .attribute(ServerWebExchange.class.getName(), exchange)
                        .build()))
        .flatMap(client -> identity.active(client.getAccessToken().getTokenValue(), state.id()))
        .onErrorResume(e -> Mono.empty())
        .defaultIfEmpty(true);
  }

  static boolean isAdmin(Authentication authentication) {
    return authentication != null
        && authentication.getAuthorities().stream()
            .anyMatch(a -> "ROLE_admin".equals(a.getAuthority()));
  }
}
