package io.peakhub.bff.downstream;

import feign.RequestInterceptor;
import feign.codec.ErrorDecoder;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every downstream call carries the end user's own token (never a service token), so each service
 * decides on that user's rights. A downstream problem+json answer is passed on as it came.
 */
@Configuration
class DownstreamConfiguration {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  RequestInterceptor relayUserToken() {
    return template -> template.header("Authorization", "Bearer " + CurrentUser.get().token());
  }

  @Bean
  ErrorDecoder problemPassThrough() {
    return (methodKey, response) -> {
      HttpStatus status = HttpStatus.resolve(response.status());
      if (status == null || status.is5xxServerError()) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
            "A service behind this screen is not answering right now. Try again shortly.");
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
}
