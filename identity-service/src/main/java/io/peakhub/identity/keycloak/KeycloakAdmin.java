package io.peakhub.identity.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * identity-service's own client of Keycloak's Admin REST API, as the service account of the
 * confidential client peak-identity (realm-management: manage-users, view-users, query-users,
 * view-realm). Passwords are passed through to Keycloak and never kept or logged here.
 */
@Component
public class KeycloakAdmin {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(KeycloakAdmin.class);

  // Keycloak's representations carry many more fields: read them tolerantly.
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record KeycloakUser(
      String id,
      String username,
      String email,
      String firstName,
      String lastName,
      boolean enabled,
      Long createdTimestamp) {}

  private record Token(String accessToken, Instant expires) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record TokenResponse(String access_token, long expires_in) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Role(String id, String name) {}

  private final RestClient http;
  private final String realmUrl;
  private final String adminUrl;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private volatile Token token;

  KeycloakAdmin(
      RestClient.Builder builder,
      Clock clock,
      @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
      @Value("${peakhub.keycloak.admin-client-id:peak-identity}") String clientId,
      @Value("${peakhub.keycloak.admin-client-secret:peak-identity-secret}") String clientSecret) {
    this.http = builder.clone().build();
    this.realmUrl = issuer;
    this.adminUrl = issuer.replace("/realms/", "/admin/realms/");
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  /** Creates an enabled user with a permanent password and one realm role; answers the new id. */
  public String createUser(
      String username,
      String email,
      String firstName,
      String lastName,
      String password,
      String realmRole) {
    Map<String, Object> body =
        Map.of(
            "username",
            username,
            "email",
            email,
            "firstName",
            firstName,
            "lastName",
            lastName,
            "enabled",
            true,
            "emailVerified",
            true,
            "credentials",
            List.of(Map.of("type", "password", "value", password, "temporary", false)));
    URI location =
        call(
            () ->
                http.post()
                    .uri(adminUrl + "/users")
                    .headers(h -> h.setBearerAuth(token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity()
                    .getHeaders()
                    .getLocation());
    String id = location.getPath().substring(location.getPath().lastIndexOf('/') + 1);
    Role role =
        call(
            () ->
                http.get()
                    .uri(adminUrl + "/roles/{r}", realmRole)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(Role.class));
    call(
        () ->
            http.post()
                .uri(adminUrl + "/users/{id}/role-mappings/realm", id)
                .headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(List.of(role))
                .retrieve()
                .toBodilessEntity());
    return id;
  }

  public void deleteUser(String id) {
    try {
      call(
          () ->
              http.delete()
                  .uri(adminUrl + "/users/{id}", id)
                  .headers(h -> h.setBearerAuth(token()))
                  .retrieve()
                  .toBodilessEntity());
    } catch (NotInKeycloak e) {
      // already gone: deleting is done
    }
  }

  public void updateUser(String id, Map<String, Object> fields) {
    call(
        () ->
            http.put()
                .uri(adminUrl + "/users/{id}", id)
                .headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(fields)
                .retrieve()
                .toBodilessEntity());
  }

  /** Enables or disables the login; disabling also ends every session the user has. */
  public void setEnabled(String id, boolean enabled) {
    updateUser(id, Map.of("enabled", enabled));
    if (!enabled) {
      call(
          () ->
              http.post()
                  .uri(adminUrl + "/users/{id}/logout", id)
                  .headers(h -> h.setBearerAuth(token()))
                  .retrieve()
                  .toBodilessEntity());
    }
  }

  public void resetPassword(String id, String password, boolean temporary) {
    call(
        () ->
            http.put()
                .uri(adminUrl + "/users/{id}/reset-password", id)
                .headers(h -> h.setBearerAuth(token()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "password", "value", password, "temporary", temporary))
                .retrieve()
                .toBodilessEntity());
  }

  public int sessionCount(String id) {
    List<?> sessions =
        call(
            () ->
                http.get()
                    .uri(adminUrl + "/users/{id}/sessions", id)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(List.class));
    return sessions == null ? 0 : sessions.size();
  }

  public List<KeycloakUser> users(int first, int max) {
    KeycloakUser[] users =
        call(
            () ->
                http.get()
                    .uri(adminUrl + "/users?first={f}&max={m}&briefRepresentation=true", first, max)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(KeycloakUser[].class));
    return users == null ? List.of() : List.of(users);
  }

  public List<String> realmRoles(String id) {
    Role[] roles =
        call(
            () ->
                http.get()
                    .uri(adminUrl + "/users/{id}/role-mappings/realm", id)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(Role[].class));
    return roles == null ? List.of() : java.util.Arrays.stream(roles).map(Role::name).toList();
  }

  public Optional<KeycloakUser> findByUsername(String username) {
    KeycloakUser[] users =
        call(
            () ->
                http.get()
                    .uri(adminUrl + "/users?username={u}&exact=true", username)
                    .headers(h -> h.setBearerAuth(token()))
                    .retrieve()
                    .body(KeycloakUser[].class));
    return users == null || users.length == 0 ? Optional.empty() : Optional.of(users[0]);
  }

  private String token() {
    Token current = token;
    if (current != null && current.expires().isAfter(clock.instant().plusSeconds(10))) {
      return current.accessToken();
    }
    var form = new LinkedMultiValueMap<String, String>();
    form.add("grant_type", "client_credentials");
    form.add("client_id", clientId);
    form.add("client_secret", clientSecret);
    TokenResponse response =
        call(
            () ->
                http.post()
                    .uri(realmUrl + "/protocol/openid-connect/token")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(TokenResponse.class));
    token = new Token(response.access_token(), clock.instant().plusSeconds(response.expires_in()));
    return token.accessToken();
  }

  /** A user Keycloak does not know (404). */
  public static class NotInKeycloak extends ProblemException {
    NotInKeycloak() {
      super(HttpStatus.NOT_FOUND, "not-found", "The login does not exist in Keycloak.");
    }
  }

  private <T> T call(java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (HttpClientErrorException e) {
      HttpStatusCode status = e.getStatusCode();
      if (status.value() == 409) {
        throw new ProblemException(
            HttpStatus.CONFLICT,
            "login-taken",
            "Keycloak already has a user with this login name or e-mail.");
      }
      if (status.value() == 404) {
        throw new NotInKeycloak();
      }
      if (status.value() == 400) {
        String message = e.getResponseBodyAsString();
        throw new ProblemException(
            HttpStatus.BAD_REQUEST,
            "invalid-input",
            "Keycloak refused the request: "
                + (message.contains("password")
                    ? "the password does not meet the policy."
                    : "check the fields."),
            message.contains("password") ? "password" : null);
      }
      log.warn("Keycloak admin call failed: {} {}", status, e.getResponseBodyAsString());
      throw unavailable();
    } catch (RestClientException e) {
      log.warn("Keycloak admin call failed: {}", e.toString());
      throw unavailable();
    }
  }

  private static ProblemException unavailable() {
    return new ServiceUnavailableException(
        "Keycloak",
        "Keycloak is not answering; nothing was changed. Try again shortly.",
        java.time.Duration.ofSeconds(10));
  }
}
