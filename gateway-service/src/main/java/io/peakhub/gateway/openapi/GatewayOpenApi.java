package io.peakhub.gateway.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the gateway's own endpoints at /v3/api-docs (springdoc): sign-in and
 * sign-out, and Login as Customer. The routes to the services are theirs to document. Spring
 * Security's endpoints are filters springdoc cannot see, so they are written here; every answer is
 * written here too, since the handlers answer redirects and problem+json by hand.
 */
@Configuration
class GatewayOpenApi {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String SESSION = "session";
  private static final String CSRF = "csrf";

  @Bean
  OpenAPI gatewayOpenApiInfo() {
    return new OpenAPI()
        .info(
            new Info()
                .title("gateway-service")
                .version("v1")
                .description(
                    "The browser's only door: the session, sign-in and sign-out, CSRF and Login as"
                        + " Customer, listed here. Every other /api/** call is routed to a service"
                        + " with the user's token and is documented by that service's own"
                        + " /v3/api-docs (portal-bff for the screens; identity-service for"
                        + " /api/admin/**, /api/settings, /api/agents and an account's"
                        + " portal-contacts; billing-service for /api/sandbox/tokens and the"
                        + " admin's account and account-field calls): see gateway-service/README.md"
                        + " for the path mapping. Without a session an /api/** call is 401"
                        + " unauthenticated (problem+json); every POST, PUT and DELETE needs the"
                        + " XSRF-TOKEN cookie's value in X-XSRF-TOKEN, or it is 403. Problem types"
                        + " are explained in docs/problems.md."))
        .components(
            new Components()
                .addSecuritySchemes(
                    SESSION,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.COOKIE)
                        .name("SESSION")
                        .description("the HttpOnly session cookie the sign-in sets"))
                .addSecuritySchemes(
                    CSRF,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-XSRF-TOKEN")
                        .description("the readable XSRF-TOKEN cookie's value, on every write")));
  }

  @Bean
  OpenApiCustomizer gatewayEndpointsInTheOpenApiDocument() {
    return GatewayOpenApi::describe;
  }

  static void describe(OpenAPI api) {
    api.getComponents().addSchemas("Problem", problemSchema());
    if (api.getPaths() == null) {
      api.setPaths(new io.swagger.v3.oas.models.Paths());
    }
    // the web app's fallback (index.html for a client-side route, GET /**) is not an API
    api.getPaths().keySet().removeIf(path -> path.contains("*"));

    answers(
        api,
        "/login/start",
        PathItem.HttpMethod.GET,
        redirect("to Keycloak's sign-in; back to the 'return' path afterwards"),
        problems("400", "invalid-input: 'return' is not a path of this site"));
    answers(
        api,
        "/login/reauthenticate",
        PathItem.HttpMethod.GET,
        redirect(
            "to Keycloak asking for the password again (prompt=login, max_age=0); back to the"
                + " 'return' path with a fresh auth_time"),
        problems("400", "invalid-input: 'return' is not a path of this site"));
    answers(
        api,
        "/api/impersonation",
        PathItem.HttpMethod.GET,
        json("200", "whether the admin is logged in as a customer, and as whom"),
        problems(
            "401", "unauthenticated (no session) or session-expired (Keycloak refused a refresh)"));
    answers(
        api,
        "/api/impersonation",
        PathItem.HttpMethod.POST,
        json("201", "now logged in as the customer; the session holds the customer's tokens"),
        problems(
            "400", "invalid-input (userId or reason) or unreadable-body",
            "401", "unauthenticated or session-expired",
            "403",
                "forbidden (not an admin) or impersonation-not-allowed (identity-service's rule or"
                    + " Keycloak refusing the exchange); without the CSRF token a bare 403",
            "409", "impersonation-active: exit the current one first",
            "502", "impersonation-failed: Keycloak's answer was unusable",
            "503", "service-unavailable: identity-service failed or did not answer in 3 s"));
    answers(
        api,
        "/api/impersonation/exit",
        PathItem.HttpMethod.POST,
        json("200", "back to the admin's own session; redirectTo says where the browser goes"),
        problems(
            "401", "unauthenticated or session-expired",
            "409", "no-impersonation: not logged in as anyone else",
            "503", "service-unavailable: identity-service failed or did not answer in 3 s"),
        plain("403", "no CSRF token (a bare 403, not problem+json)"));
    markWrites(api);

    api.path(
        "/oauth2/authorization/keycloak",
        new PathItem()
            .get(
                new Operation()
                    .summary("Sign in (Spring Security)")
                    .description(
                        "Starts the authorization code flow with PKCE against Keycloak; the"
                            + " tokens stay in the session, never in the browser.")
                    .responses(redirect("to Keycloak's sign-in page"))));
    api.path(
        "/login/oauth2/code/keycloak",
        new PathItem()
            .get(
                new Operation()
                    .summary("Keycloak's redirect back after sign-in (Spring Security)")
                    .description("Not called by clients: Keycloak sends the browser here.")
                    .responses(redirect("to the page the sign-in started from, or /"))));
    api.path(
        "/logout",
        new PathItem()
            .post(
                new Operation()
                    .summary("Sign out (Spring Security)")
                    .description(
                        "Ends the session and Keycloak's session (while logged in as a customer,"
                            + " the customer's too).")
                    .addSecurityItem(new SecurityRequirement().addList(SESSION).addList(CSRF))
                    .responses(
                        redirect("to Keycloak's end-session endpoint, then back to /")
                            .addApiResponse(
                                "403",
                                new ApiResponse()
                                    .description("no CSRF token (not problem+json)")))));
  }

  private static void answers(
      OpenAPI api, String path, PathItem.HttpMethod method, ApiResponses... parts) {
    PathItem item = api.getPaths().get(path);
    Operation operation = item == null ? null : item.readOperationsMap().get(method);
    if (operation == null) {
      return;
    }
    // the body springdoc derived from the handler's return type stays, as JSON; the status and
    // description are the gateway's (a ResponseEntity's 201 is invisible to springdoc)
    Content body =
        operation.getResponses() == null
            ? null
            : operation.getResponses().values().stream()
                .map(ApiResponse::getContent)
                .filter(content -> content != null && !content.isEmpty())
                .findFirst()
                .map(
                    content ->
                        new Content()
                            .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                content.values().iterator().next()))
                .orElse(null);
    ApiResponses responses = new ApiResponses();
    for (ApiResponses part : parts) {
      part.forEach(
          (status, response) ->
              responses.addApiResponse(
                  status, status.startsWith("2") ? response.content(body) : response));
    }
    operation.setResponses(responses);
  }

  /** Calls under /api need the session; writes need the CSRF header as well. */
  private static void markWrites(OpenAPI api) {
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (!path.startsWith("/api/")) {
                            return;
                          }
                          var requirement = new SecurityRequirement().addList(SESSION);
                          if (method != PathItem.HttpMethod.GET) {
                            requirement.addList(CSRF);
                          }
                          operation.addSecurityItem(requirement);
                        }));
  }

  private static ApiResponses redirect(String where) {
    return new ApiResponses()
        .addApiResponse("302", new ApiResponse().description("redirect " + where));
  }

  private static ApiResponses json(String status, String description) {
    return new ApiResponses().addApiResponse(status, new ApiResponse().description(description));
  }

  /** Spring Security's own refusals (a missing CSRF token) are a bare status, not problem+json. */
  private static ApiResponses plain(String status, String description) {
    return new ApiResponses().addApiResponse(status, new ApiResponse().description(description));
  }

  private static ApiResponses problems(String... statusAndDescription) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (int i = 0; i < statusAndDescription.length; i += 2) {
      answers.put(statusAndDescription[i], statusAndDescription[i + 1]);
    }
    ApiResponses responses = new ApiResponses();
    answers.forEach(
        (status, description) ->
            responses.addApiResponse(
                status,
                new ApiResponse()
                    .description(description)
                    .content(
                        new Content()
                            .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                    .schema(
                                        new Schema<>().$ref("#/components/schemas/Problem"))))));
    return responses;
  }

  /** The same shape as the services' Problem (platform's ProblemOpenApi, servlet-only). */
  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description(
            "RFC 9457 problem details. type is https://peakhub.io/problems/<slug>, each explained"
                + " in docs/problems.md; branch on type or status, never on detail.")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty(
            "detail", new StringSchema().description("for a person: what happened and what to do"))
        .addProperty("instance", new StringSchema());
  }
}
