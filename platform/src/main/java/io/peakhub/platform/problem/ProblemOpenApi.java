package io.peakhub.platform.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Where a service publishes its OpenAPI document (springdoc), every operation lists the
 * problem+json answers every endpoint can give, with the Problem schema; the types are explained in
 * docs/problems.md. An answer the controller documents itself is kept.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ProblemOpenApi {

  static final String MEDIA_TYPE = "application/problem+json";

  private static final Map<String, String> EVERY_OPERATION =
      answers(
          "400",
              "invalid-input or unreadable-body: fix the request (field names the input at fault)",
          "401", "unauthenticated: no valid access token",
          "403", "forbidden: the user's profile does not grant this",
          "404", "not-found: no such object, or not one the user may see",
          "503",
              "service-unavailable: a service this needs is down; retry after Retry-After seconds");

  private static final Map<String, String> WRITES =
      answers(
          "409",
          "a conflict with the current state (the type says which: account-inactive, idempotency-key-reused, ...)");

  private static final Set<PathItem.HttpMethod> WRITE_METHODS =
      Set.of(
          PathItem.HttpMethod.POST,
          PathItem.HttpMethod.PUT,
          PathItem.HttpMethod.PATCH,
          PathItem.HttpMethod.DELETE);

  @Bean
  OpenApiCustomizer problemAnswersInTheOpenApiDocument() {
    return ProblemOpenApi::addProblemResponses;
  }

  static void addProblemResponses(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    api.getComponents()
        .addSchemas(
            "Problem",
            new ObjectSchema()
                .description(
                    "RFC 9457 problem details. type is https://peakhub.io/problems/<slug>, each explained in docs/problems.md; "
                        + "branch on type or status, never on detail.")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty(
                    "detail",
                    new StringSchema().description("for a person: what happened and what to do"))
                .addProperty("instance", new StringSchema())
                .addProperty(
                    "field",
                    new StringSchema().description("the input at fault, when there is one")));
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths()
        .values()
        .forEach(
            path ->
                path.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (operation.getResponses() == null) {
                            operation.setResponses(new ApiResponses());
                          }
                          add(operation.getResponses(), EVERY_OPERATION);
                          if (WRITE_METHODS.contains(method)) {
                            add(operation.getResponses(), WRITES);
                          }
                        }));
  }

  private static void add(ApiResponses responses, Map<String, String> answers) {
    answers.forEach(
        (status, description) -> {
          if (!responses.containsKey(status)) {
            responses.addApiResponse(
                status,
                new ApiResponse()
                    .description(description)
                    .content(
                        new Content()
                            .addMediaType(
                                MEDIA_TYPE,
                                new MediaType()
                                    .schema(new Schema<>().$ref("#/components/schemas/Problem")))));
          }
        });
  }

  private static Map<String, String> answers(String... statusAndDescription) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (int i = 0; i < statusAndDescription.length; i += 2) {
      answers.put(statusAndDescription[i], statusAndDescription[i + 1]);
    }
    return answers;
  }
}
