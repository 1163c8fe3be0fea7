package io.peakhub.gateway.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * Replaces Spring Boot's client registrations (read from Keycloak while the gateway starts) with
 * ones read at their first use, so the gateway starts beside Keycloak ({@link
 * LazyClientRegistrations}). An auto-configuration, so that a test's own registrations win.
 */
@AutoConfiguration(before = ReactiveOAuth2ClientAutoConfiguration.class)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
public class LazyClientRegistrationsConfiguration {

  @Bean
  @ConditionalOnMissingBean(ReactiveClientRegistrationRepository.class)
  ReactiveClientRegistrationRepository lazyClientRegistrations(OAuth2ClientProperties properties) {
    return new LazyClientRegistrations(
        () -> new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
  }
}
