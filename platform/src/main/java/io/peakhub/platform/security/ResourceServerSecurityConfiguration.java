package io.peakhub.platform.security;

import io.peakhub.platform.problem.ProblemResponses;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * Every service is an OAuth2 resource server: a Keycloak access token is required everywhere but on
 * health and metrics; its issuer and signature are checked against {@code
 * spring.security.oauth2.resourceserver.jwt.issuer-uri}. Errors are problem+json.
 */
@AutoConfiguration(
    before = SecurityAutoConfiguration.class) // its event publisher gives way to ours
@EnableMethodSecurity
public class ResourceServerSecurityConfiguration {

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain resourceServerFilterChain(HttpSecurity http, ProblemResponses problems)
      throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/actuator/health/**",
                        "/actuator/health",
                        "/actuator/prometheus",
                        "/actuator/info",
                        "/error",
                        "/v3/api-docs",
                        "/v3/api-docs/**")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Bearer-token APIs: no cookies, so no CSRF exposure here; the gateway enforces CSRF for
        // the browser.
        .csrf(c -> c.disable())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (req, res, ex) ->
                            problems.write(
                                res,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "A valid access token is required. Sign in again."))
                    .accessDeniedHandler(
                        (req, res, ex) ->
                            problems.write(
                                res,
                                HttpStatus.FORBIDDEN,
                                "forbidden",
                                "Your profile does not allow this action.")))
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.jwtAuthenticationConverter(new KeycloakRoles()))
                    .authenticationEntryPoint(
                        (req, res, ex) ->
                            problems.write(
                                res,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "A valid access token is required. Sign in again.")));
    return http.build();
  }

  /**
   * Every JwtDecoder (Spring Boot's from the issuer, or a test's) answers a token it verified
   * before from memory until the token expires ({@link VerifiedJwts}).
   */
  @Bean
  static BeanPostProcessor verifiedJwtsPostProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedJwts)
            ? new VerifiedJwts(decoder, Clock.systemUTC(), 10_000)
            : bean;
      }
    };
  }

  /**
   * No observations of Spring Security's own (a span and a timer for each filter of the chain, for
   * each authentication and each authorization): they cost more than they tell, and the request's
   * span and timer stay. Without them the chain's filters are not wrapped at all: turning the
   * observations off by name ({@code management.observations.enable.spring.security}) still wrapped
   * every filter of every request, 3% of portal-bff's CPU for the header.
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * Authentication failures are published as application events, as Spring Boot's publisher does;
   * successes are not. Every request here carries a token and is authenticated, so Boot's publisher
   * sent an event a request to no listener: 0.85% of portal-bff's samples for the header.
   */
  @Bean
  @ConditionalOnMissingBean
  AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
    var failures = new DefaultAuthenticationEventPublisher(events);
    return new AuthenticationEventPublisher() {
      @Override
      public void publishAuthenticationSuccess(Authentication authentication) {}

      @Override
      public void publishAuthenticationFailure(
          AuthenticationException exception, Authentication authentication) {
        failures.publishAuthenticationFailure(exception, authentication);
      }
    };
  }

  /** A token that cannot be checked because Keycloak did not answer is a 503 problem. */
  @Bean
  FilterRegistrationBean<SignInUnavailableFilter> signInUnavailableFilter(
      ProblemResponses problems) {
    var registration = new FilterRegistrationBean<>(new SignInUnavailableFilter(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20); // outside Spring Security's chain
    return registration;
  }

  /** Spring Security's strict firewall, checking headers without regular expressions. */
  @Bean
  @ConditionalOnMissingBean(HttpFirewall.class)
  HttpFirewall httpFirewall() {
    return HeaderFirewall.strict();
  }

  /** The token from the Authorization header, as Spring Security reads it, without its regex. */
  @Bean
  @ConditionalOnMissingBean(BearerTokenResolver.class)
  BearerTokenResolver bearerTokenResolver() {
    return new HeaderBearerTokens();
  }

  @Bean
  @ConditionalOnMissingBean
  ProblemResponses problemResponses() {
    return new ProblemResponses();
  }
}
