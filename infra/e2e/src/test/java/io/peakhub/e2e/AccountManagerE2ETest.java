package io.peakhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * identity-service against the real Keycloak: an account manager created by an admin can sign in
 * with that password and sees the account assigned to them; disabling ends their sessions and their
 * access; deleting removes the login.
 */
class AccountManagerE2ETest {

  static final String KEYCLOAK =
      "http://localhost:" + System.getenv().getOrDefault("HUB_KEYCLOAK_PORT", "8180");
  static final String IDENTITY =
      "http://localhost:" + System.getenv().getOrDefault("HUB_IDENTITY_PORT", "8081");

  /** The first generated demo account (billing's generator, seed 42): it has no manager. */
  static final String GENERATED_ACCOUNT = "00006e00-0000-002a-0000-000000000001";

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An admin's token: the devstack's seeder service account holds the admin role. */
  private static String adminToken() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(KEYCLOAK + "/realms/peak/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=hub-seeder&client_secret=hub-seeder-secret"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).get("access_token").asString();
  }

  private static HttpResponse<String> admin(String method, String path, String json)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(IDENTITY + path))
            .header("Authorization", "Bearer " + adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aManagerCreatedHereSignsInSeesTheirAccountAndLosesAccessWhenDisabledAndTheLoginWhenDeleted()
      throws Exception {
    String login = "am" + UUID.randomUUID().toString().substring(0, 6);
    HttpResponse<String> created =
        admin(
            "POST",
            "/admin/account-managers",
            """
        {"name":"Mona Manager","employeeId":"E-%s","primaryEmail":"%s@peakhub.example","loginName":"%s",
         "password":"Str0ng-pass!","retypePassword":"Str0ng-pass!"}"""
                .formatted(login, login, login));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).get("id").asString();

    Browser mona = new Browser();
    assertThat(mona.login(login, "Str0ng-pass!").status()).isEqualTo(200);
    JsonNode me = mona.get("/api/me").json();
    assertThat(me.get("username").asString()).isEqualTo(login);
    assertThat(me.get("roles").toString()).contains("account_executive");

    assertThat(
            admin(
                    "PUT",
                    "/admin/account-managers/" + id + "/accounts",
                    "{\"accountIds\":[\"" + GENERATED_ACCOUNT + "\"]}")
                .statusCode())
        .isEqualTo(200);
    // the assignment reaches the BFF's cached decision through identity.access: effective on a next
    // request
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> mona.get("/api/accounts/" + GENERATED_ACCOUNT + "/header").status() == 200);

    assertThat(admin("POST", "/admin/users/" + id + "/disable", null).statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> mona.get("/api/accounts/" + GENERATED_ACCOUNT + "/header").status() == 404);
    Browser again = new Browser();
    again.login(login, "Str0ng-pass!");
    assertThat(again.get("/api/me").status()).isEqualTo(401);

    assertThat(admin("POST", "/admin/users/" + id + "/enable", null).statusCode()).isEqualTo(200);
    assertThat(
            admin("DELETE", "/admin/account-managers?ids=" + id + "&confirm=true", null)
                .statusCode())
        .isEqualTo(204);
    Browser afterDelete = new Browser();
    afterDelete.login(login, "Str0ng-pass!");
    assertThat(afterDelete.get("/api/me").status()).isEqualTo(401);
    assertThat(admin("GET", "/admin/account-managers/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void allUsersListsTheDemoUsersFromKeycloak() throws Exception {
    assertThat(admin("POST", "/admin/users/sync", null).statusCode()).isEqualTo(200);
    HttpResponse<String> page = admin("GET", "/admin/users?type=customer&sort=name", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(page.body()).get("items").findValuesAsString("username"))
        .contains("alice", "bob", "carol");
  }
}
