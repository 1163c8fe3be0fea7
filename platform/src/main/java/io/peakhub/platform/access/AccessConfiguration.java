package io.peakhub.platform.access;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.client.RestClient;

@AutoConfiguration
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

  /** identity-service declares its own AccountAccess, reading its tables directly. */
  @Bean
  @ConditionalOnMissingBean(AccountAccess.class)
  IdentityAccountAccess identityAccountAccess(
      RestClient.Builder builder,
      Clock clock,
      @Value("${peakhub.identity.url}") String identityUrl,
      AccessProperties settings) {
    return new IdentityAccountAccess(
        IdentityAccountAccess.client(builder, identityUrl, settings), clock, settings);
  }

  @Bean
  @ConditionalOnBean(IdentityAccountAccess.class)
  AccessChangeListener accessChangeListener(
      IdentityAccountAccess access, org.springframework.context.ApplicationEventPublisher events) {
    return new AccessChangeListener(access, events::publishEvent);
  }

  @Bean
  @ConditionalOnBean(AccessChangeListener.class)
  AccessChangeSubscription accessChangeSubscription(
      ObjectProvider<ConsumerFactory<?, ?>> consumerFactories,
      AccessChangeListener listener,
      @Value("${spring.application.name:service}") String application,
      @Value("${spring.kafka.listener.auto-startup:true}") boolean autoStartup) {
    return new AccessChangeSubscription(
        consumerFactories, listener, application + "-access", autoStartup);
  }
}
