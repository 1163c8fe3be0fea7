package io.peakhub.platform.problem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

@AutoConfiguration
@Import(ProblemHandler.class)
public class ProblemConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
      @Value("${peakhub.http.max-body-bytes:65536}") long maxBytes) {
    var registration =
        new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBytes, new ProblemResponses()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
