package io.peakhub.platform.problem;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
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

  /** Before the body size check and security: a refused request costs as little as possible. */
  @Bean
  FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter(
      @Value("${peakhub.http.max-concurrent-requests:200}") int limit,
      @Value("${peakhub.http.overload-wait:100ms}") Duration wait) {
    var registration =
        new FilterRegistrationBean<>(
            new ConcurrencyLimitFilter(limit, wait, new ProblemResponses()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /**
   * The requests the concurrency limit counts, as the gauge {@code service.requests.in.flight}: the
   * services keep no {@code http.server.requests.active} long-task timer (platform-defaults).
   */
  @Bean
  MeterBinder requestsInFlight(FilterRegistrationBean<ConcurrencyLimitFilter> limit) {
    ConcurrencyLimitFilter filter = limit.getFilter();
    return registry ->
        Gauge.builder("service.requests.in.flight", filter, ConcurrencyLimitFilter::inFlight)
            .description(
                "Requests the service is working on (the ones its concurrency limit counts)")
            .register(registry);
  }
}
