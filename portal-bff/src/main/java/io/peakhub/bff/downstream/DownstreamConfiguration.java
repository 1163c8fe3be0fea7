package io.peakhub.bff.downstream;

import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import io.peakhub.platform.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.openfeign.CircuitBreakerNameResolver;
import org.springframework.cloud.openfeign.FeignClientFactory;
import org.springframework.cloud.openfeign.support.FeignHttpMessageConverters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every downstream call carries the end user's own token (never a service token), so each service
 * decides on that user's rights; runs behind a circuit breaker per service with a time limit, so a
 * service that is down or slow costs a screen at most the limit; and a downstream problem+json
 * answer is passed on as it came.
 */
@Configuration
@EnableConfigurationProperties(DownstreamSettings.class)
class DownstreamConfiguration {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  RequestInterceptor relayUserToken() {
    return template -> template.header("Authorization", "Bearer " + CurrentUser.get().token());
  }

  /**
   * One breaker per service (a down service fails all its calls alike); payments apart, with a
   * longer limit.
   */
  @Bean
  CircuitBreakerNameResolver circuitBreakerNames() {
    return (clientName, target, method) ->
        method.getName().equals("pay") ? clientName + "-pay" : clientName;
  }

  /**
   * The time limiter runs calls on other threads: they carry the caller's security context (its
   * token).
   */
  @Bean(destroyMethod = "shutdown")
  ExecutorService downstreamExecutor() {
    return new DelegatingSecurityContextExecutorService(
        Executors.newVirtualThreadPerTaskExecutor());
  }

  @Bean
  Customizer<Resilience4JCircuitBreakerFactory> downstreamLimits(
      DownstreamSettings settings, ExecutorService downstreamExecutor) {
    return factory -> {
      factory.configureExecutorService(downstreamExecutor);
      factory.configureDefault(
          id ->
              new Resilience4JConfigBuilder(id)
                  .timeLimiterConfig(
                      TimeLimiterConfig.custom()
                          .timeoutDuration(
                              id.endsWith("-pay") ? settings.paymentTimeout() : settings.timeout())
                          .cancelRunningFuture(true)
                          .build())
                  .circuitBreakerConfig(
                      CircuitBreakerConfig.custom()
                          .slidingWindowSize(Math.max(20, settings.minimumCalls()))
                          .minimumNumberOfCalls(settings.minimumCalls())
                          .failureRateThreshold(settings.failureRatePercent())
                          .waitDurationInOpenState(settings.openFor())
                          .permittedNumberOfCallsInHalfOpenState(2)
                          // a 4xx answer is the service working: only outages, time-outs and 5xx
                          // count as failures
                          .recordException(
                              e ->
                                  !(e instanceof ProblemException)
                                      || e instanceof ServiceUnavailableException)
                          .build())
                  .build());
    };
  }

  /**
   * Feign fills its message converters lazily and not thread-safely: the first calls of a screen,
   * made side by side, saw an empty list ("'messageConverters' must not be empty"). Fill them once
   * at start.
   */
  @Bean
  ApplicationRunner fillFeignConverters(FeignClientFactory feign) {
    return args ->
        java.util.stream.Stream.of("billing", "subscription", "cases", "successClient")
            .flatMap(
                client ->
                    feign.getInstances(client, FeignHttpMessageConverters.class).values().stream())
            .forEach(FeignHttpMessageConverters::getConverters);
  }

  @Bean
  ErrorDecoder problemPassThrough(DownstreamSettings settings) {
    return (methodKey, response) -> {
      HttpStatus status = HttpStatus.resolve(response.status());
      if (status == null || status.is5xxServerError()) {
        return DownstreamFallback.unavailable(
            serviceOf(methodKey), "answered " + response.status(), settings.retryAfter());
      }
      String slug = status == HttpStatus.NOT_FOUND ? "not-found" : "invalid-input";
      String detail = status.getReasonPhrase();
      String field = null;
      if (response.body() != null) {
        try (InputStream in = response.body().asInputStream()) {
          JsonNode problem = JSON.readTree(in);
          if (problem.hasNonNull("type")) {
            String type = problem.get("type").asString();
            slug = type.substring(type.lastIndexOf('/') + 1);
          }
          detail = problem.hasNonNull("detail") ? problem.get("detail").asString() : detail;
          field = problem.hasNonNull("field") ? problem.get("field").asString() : null;
        } catch (IOException | RuntimeException e) {
          // not a problem document: keep the status and its reason phrase
        }
      }
      return new ProblemException(status, slug, detail, field);
    };
  }

  /**
   * "BillingClient#summary(UUID)" is billing-service, "CaseClient#get(UUID,String)" case-service.
   */
  static String serviceOf(String methodKey) {
    String client =
        methodKey.contains("#") ? methodKey.substring(0, methodKey.indexOf('#')) : methodKey;
    if (client.equals("SuccessClient")) {
      return SuccessClient.SERVICE; // customer success is case-service's API too
    }
    return client.replace("Client", "").toLowerCase(Locale.ROOT) + "-service";
  }
}
