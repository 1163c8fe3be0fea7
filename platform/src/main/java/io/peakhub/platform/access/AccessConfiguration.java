package io.peakhub.platform.access;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

@AutoConfiguration
public class AccessConfiguration {

  /** identity-service declares its own AccountAccess, reading its tables directly. */
  @Bean
  @ConditionalOnMissingBean(AccountAccess.class)
  IdentityAccountAccess identityAccountAccess(RestClient.Builder builder, Clock clock,
      @Value("${peakhub.identity.url}") String identityUrl,
      @Value("${peakhub.access.cache-ttl:PT15S}") Duration ttl) {
    return new IdentityAccountAccess(builder.clone().baseUrl(identityUrl).build(), clock, ttl);
  }

  @Bean
  @ConditionalOnBean(IdentityAccountAccess.class)
  AccessChangeListener accessChangeListener(IdentityAccountAccess access) {
    return new AccessChangeListener(access);
  }
}
