package io.peakhub.cases.servicenow;

import io.peakhub.cases.supportcase.CaseSource;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** The ServiceNow source exists only when its URL is configured (SERVICENOW_URL). */
@Configuration(proxyBeanMethods = false)
class ServiceNowConfiguration {

  @Bean
  @ConditionalOnExpression("!'${peakhub.cases.servicenow.url:}'.isBlank()")
  CaseSource serviceNowCases(
      RestClient.Builder builder, ServiceNowProperties settings, Clock clock) {
    return new ServiceNowCases(builder, settings, clock);
  }
}
