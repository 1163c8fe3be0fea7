package io.peakhub.gateway.security;

import io.peakhub.gateway.impersonation.ImpersonationLogoutHandler;
import io.peakhub.gateway.problem.Problems;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * The gateway is the browser's OAuth2 client (authorization code + PKCE against Keycloak). Tokens
 * stay in the server-side session; the browser holds only the HttpOnly SESSION cookie and the
 * readable XSRF-TOKEN cookie that mutating calls echo in X-XSRF-TOKEN.
 */
@Configuration
class BrowserSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'self'; "
          + "form-action 'self' http://localhost:*";

  /**
   * Tokens are stored per browser session, never per user name
   * (docs/adr/0006-gateway-as-oauth2-client.md).
   */
  @Bean
  ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
    return new WebSessionServerOAuth2AuthorizedClientRepository();
  }

  /**
   * The ways Spring Security's authorized-client manager (TokenRelay's) gets a session's token: the
   * login's authorization code, and the refresh of a token about to expire, once for all the
   * session's requests that need it at the same moment ({@link OneRefreshAtATime}).
   */
  @Bean
  DelegatingReactiveOAuth2AuthorizedClientProvider authorizedClientProviders(
      Optional<Clock> clock) {
    var refresh = new RefreshTokenReactiveOAuth2AuthorizedClientProvider();
    clock.ifPresent(refresh::setClock); // the read relay's clock: both agree on "about to expire"
    return new DelegatingReactiveOAuth2AuthorizedClientProvider(
        new AuthorizationCodeReactiveOAuth2AuthorizedClientProvider(),
        new OneRefreshAtATime(refresh));
  }

  /**
   * No observations of Spring Security's own (a span and a timer for each filter of the chain, for
   * each authentication and each authorization): a tenth of the gateway's CPU per request when they
   * were on; the request's span and the one to the service it calls stay. Turning them off by name
   * ({@code management.observations.enable.spring.security}) still wrapped every filter.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * The session cookie Spring Boot configures, read without a stream ({@link SessionCookieIds}).
   */
  @Bean
  static BeanPostProcessor sessionCookieIdsPostProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof CookieWebSessionIdResolver cookies
            ? new SessionCookieIds(cookies)
            : bean;
      }
    };
  }

  @Bean
  SecurityWebFilterChain browserChain(
      ServerHttpSecurity http,
      ReactiveClientRegistrationRepository registrations,
      ServerOAuth2AuthorizedClientRepository authorizedClients,
      ImpersonationLogoutHandler impersonationLogout) {
    var sessionContext = new WebSessionServerSecurityContextRepository();
    var csrfHandler = new ServerCsrfTokenRequestAttributeHandler();
    var oidcLogout = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
    oidcLogout.setPostLogoutRedirectUri("{baseUrl}/");

    http.securityContextRepository(sessionContext)
        .authorizeExchange(
            a ->
                a.pathMatchers(
                        "/actuator/health/**",
                        "/actuator/health",
                        "/actuator/prometheus",
                        "/actuator/info")
                    .permitAll()
                    .pathMatchers("/login/**", "/oauth2/**")
                    .permitAll()
                    // the gateway's own OpenAPI document: no data in it, and read before signing in
                    .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
                    .permitAll()
                    .pathMatchers("/api/**", "/actuator/**")
                    .authenticated()
                    // the web app's shell and files (its client-side routes too): no data in them,
                    // the API checks
                    .pathMatchers(HttpMethod.GET, "/**")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .oauth2Login(
            o ->
                o.authorizedClientRepository(authorizedClients)
                    .securityContextRepository(sessionContext)
                    .authenticationSuccessHandler(new ReturnToSuccessHandler()))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()))
        .csrf(
            c ->
                c.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
                    .csrfTokenRequestHandler(csrfHandler))
        .logout(
            l ->
                l.logoutUrl("/logout")
                    // while logged in as a customer, the customer's Keycloak session ends first,
                    // then the admin's below
                    .logoutHandler(
                        handlers -> {
                          handlers.add(impersonationLogout);
                          handlers.add(new WebSessionServerLogoutHandler());
                        })
                    // built lazily: the logout filter assembles this before the logout handlers run
                    .logoutSuccessHandler(
                        (exchange, auth) ->
                            Mono.defer(
                                () ->
                                    oidcLogout.onLogoutSuccess(
                                        exchange,
                                        ImpersonationLogoutHandler.whoseLoginEnds(
                                            exchange.getExchange(), auth)))))
        // the security headers, one writer for all (SecurityHeaders: Spring Security's defaults'
        // cost more than their worth on every answer); the read relay applies the same
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .addFilterAt(
            new HttpHeaderWriterWebFilter(
                new SecurityHeaders(
                    CONTENT_SECURITY_POLICY,
                    // the web app shows invoice PDFs in an iframe of its own page; other sites
                    // still cannot frame it
                    "SAMEORIGIN",
                    "same-origin")),
            SecurityWebFiltersOrder.HTTP_HEADERS_WRITER);
    return http.build();
  }

  /**
   * API calls without a session get a 401 problem (the UI then offers to sign in); pages get the
   * login redirect.
   */
  private static ServerAuthenticationEntryPoint entryPoint() {
    var api = new PathPatternParserServerWebExchangeMatcher("/api/**");
    var login = new RedirectServerAuthenticationEntryPoint("/oauth2/authorization/keycloak");
    return (exchange, ex) ->
        api.matches(exchange)
            .flatMap(
                m ->
                    m.isMatch()
                        ? Problems.write(
                            exchange,
                            HttpStatus.UNAUTHORIZED,
                            "unauthenticated",
                            "Sign in to continue.")
                        : login.commence(exchange, ex));
  }

  /** The reactive CSRF token is lazy: subscribe so the XSRF-TOKEN cookie is written. */
  @Bean
  WebFilter csrfCookieWriter() {
    return (exchange, chain) -> {
      Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
      return (token == null ? Mono.<CsrfToken>empty() : token).then(chain.filter(exchange));
    };
  }
}
