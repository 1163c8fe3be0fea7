package io.peakhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Login as Customer" against the real Keycloak (legacy token exchange with requested_subject, the
 * realm's impersonation permission) and the real services: ada logs in as alice, acts as her,
 * exits.
 */
class ImpersonationE2ETest {

  static final String PASSWORD = "demo1234";
  static final String ACME = "a0000000-0000-4000-8000-000000000101";
  static final String ADA = "ad000000-0000-4000-8000-000000000001";
  static final String GRACE = "ad000000-0000-4000-8000-000000000002";
  static final String ALICE = "c0000000-0000-4000-8000-000000000001";
  static final String BILLING_DB =
      "jdbc:postgresql://localhost:"
          + System.getenv().getOrDefault("HUB_POSTGRES_PORT", "5433")
          + "/billing";

  private static String session(Browser browser) {
    return browser.cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("SESSION"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void adminLogsInAsACustomerActsAsHerRecordedUnderBothAndExitRestoresTheAdmin() throws Exception {
    Browser ada = new Browser();
    assertThat(ada.login("ada", PASSWORD).status()).isEqualTo(200);
    JsonNode me = ada.get("/api/me").json();
    assertThat(me.get("userId").asString()).isEqualTo(ADA);
    String adasSession = session(ada);

    Browser.Response started =
        ada.post(
            "/api/impersonation",
            "{\"userId\":\"" + ALICE + "\",\"reason\":\"e2e: customer asked about an invoice\"}",
            null);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().get("user").get("username").asString()).isEqualTo("alice");
    String impersonationId = started.json().get("id").asString();
    assertThat(session(ada)).isNotEqualTo(adasSession);

    JsonNode asAlice = ada.get("/api/me").json();
    assertThat(asAlice.get("username").asString()).isEqualTo("alice");
    assertThat(asAlice.get("userId").asString()).isEqualTo(ALICE);
    assertThat(asAlice.get("impersonatorId").asString()).isEqualTo(ADA);
    assertThat(ada.get("/api/impersonation").json().get("active").asBoolean()).isTrue();
    // a second impersonation in the same session is refused
    assertThat(
            ada.post(
                    "/api/impersonation",
                    "{\"userId\":\"" + ALICE + "\",\"reason\":\"again\"}",
                    null)
                .status())
        .isEqualTo(409);
    // the admin APIs answer the customer's token: refused
    assertThat(ada.get("/api/admin/impersonations?active=true").status()).isEqualTo(403);

    Browser.Response paid =
        ada.post(
            "/api/accounts/" + ACME + "/payments",
            "{\"amount\":\"1.00\",\"currency\":\"USD\"}",
            UUID.randomUUID().toString());
    assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    try (var db = DriverManager.getConnection(BILLING_DB, "postgres", "postgres");
        var q = db.prepareStatement("SELECT created_by, acting_admin FROM payment WHERE id = ?")) {
      q.setObject(1, UUID.fromString(paid.json().get("id").asString()));
      try (var row = q.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("created_by")).isEqualTo("alice");
        assertThat(row.getString("acting_admin")).isEqualTo(ADA);
      }
    }

    String alicesSession = session(ada);
    Browser.Response exit = ada.post("/api/impersonation/exit", "{}", null);
    assertThat(exit.status()).as(exit.body()).isEqualTo(200);
    assertThat(exit.json().get("redirectTo").asString()).isEqualTo("/admin/users");
    assertThat(session(ada)).isNotEqualTo(alicesSession);
    JsonNode back = ada.get("/api/me").json();
    assertThat(back.get("userId").asString()).isEqualTo(ADA);
    assertThat(back.path("impersonatorId").isNull() || back.path("impersonatorId").isMissingNode())
        .isTrue();

    // the audit trail, read through the gateway's admin route
    Browser.Response audit =
        ada.get(
            "/api/admin/audit?who="
                + ALICE
                + "&actingAdmin="
                + ADA
                + "&action=impersonation.ended");
    assertThat(audit.status()).as(audit.body()).isEqualTo(200);
    assertThat(audit.json().findValuesAsString("sessionId")).contains(impersonationId);
    assertThat(ada.get("/api/admin/impersonations?active=true").body())
        .doesNotContain(impersonationId);
  }

  @Test
  void anotherAdminOrADisabledUserCannotBeImpersonated() throws Exception {
    Browser ada = new Browser();
    assertThat(ada.login("ada", PASSWORD).status()).isEqualTo(200);
    ada.get("/api/me");

    Browser.Response admin =
        ada.post("/api/impersonation", "{\"userId\":\"" + GRACE + "\",\"reason\":\"e2e\"}", null);
    assertThat(admin.status()).as(admin.body()).isEqualTo(403);
    assertThat(admin.json().get("type").asString())
        .isEqualTo("https://peakhub.io/problems/impersonation-not-allowed");

    String login = "imp" + UUID.randomUUID().toString().substring(0, 6);
    Browser.Response created =
        ada.post(
            "/api/admin/account-managers",
            """
        {"name":"Dora Disabled","employeeId":"E-%s","primaryEmail":"%s@peakhub.example","loginName":"%s",
         "password":"Str0ng-pass!","retypePassword":"Str0ng-pass!"}"""
                .formatted(login, login, login),
            null);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asString();
    try {
      assertThat(ada.post("/api/admin/users/" + id + "/disable", "{}", null).status())
          .isEqualTo(200);
      Browser.Response disabled =
          ada.post("/api/impersonation", "{\"userId\":\"" + id + "\",\"reason\":\"e2e\"}", null);
      assertThat(disabled.status()).as(disabled.body()).isEqualTo(403);
      assertThat(disabled.json().get("type").asString())
          .isEqualTo("https://peakhub.io/problems/impersonation-not-allowed");
      // still ada, still not impersonating
      assertThat(ada.get("/api/me").json().get("userId").asString()).isEqualTo(ADA);
      assertThat(ada.get("/api/impersonation").json().get("active").asBoolean()).isFalse();
    } finally {
      ada.post("/api/admin/users/" + id + "/enable", "{}", null);
      ada.delete("/api/admin/account-managers?ids=" + id + "&confirm=true");
    }
  }
}
