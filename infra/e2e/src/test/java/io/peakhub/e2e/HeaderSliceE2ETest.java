package io.peakhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first vertical slice against the real stack (./hub test starts it): Keycloak login through
 * the gateway, the header assembled by portal-bff from billing's PostgreSQL, a payment whose event
 * travels outbox -> Kafka -> the BFF's read model, and a second customer refused.
 */
class HeaderSliceE2ETest {

  static final String PASSWORD = "demo1234";
  static final String ACME = "a0000000-0000-4000-8000-000000000101";

  private static BigDecimal balance(Browser browser) throws Exception {
    Browser.Response header = browser.get("/api/accounts/" + ACME + "/header");
    assertThat(header.status()).isEqualTo(200);
    return new BigDecimal(header.json().get("balance").asString());
  }

  @Test
  void customerSignsInSeesTheirHeaderPaysAndTheHeaderFollows() throws Exception {
    Browser alice = new Browser();
    Browser.Response landed = alice.login("alice", PASSWORD);
    assertThat(landed.status()).isEqualTo(200);
    assertThat(landed.body()).startsWith(Browser.GATEWAY);

    Browser.Response me = alice.get("/api/me");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("username").asString()).isEqualTo("alice");
    assertThat(me.json().get("accounts").findValuesAsString("accountId")).containsExactly(ACME);
    // the browser never sees a token: no JWT in what the API returns, only the two gateway cookies
    assertThat(me.body()).doesNotContain("eyJ");
    assertThat(alice.cookies.getCookieStore().getCookies())
        .filteredOn(c -> c.getName().equals("SESSION"))
        .hasSize(1);

    Browser.Response header = alice.get("/api/accounts/" + ACME + "/header");
    assertThat(header.status()).isEqualTo(200);
    JsonNode h = header.json();
    assertThat(h.get("accountName").asString()).isEqualTo("Acme Corporation");
    assertThat(h.get("accountNumber").asString()).isEqualTo("A-000101");
    assertThat(h.get("currency").asString()).isEqualTo("USD");
    BigDecimal before = new BigDecimal(h.get("balance").asString());
    assertThat(before).isPositive();

    Browser.Response noCsrf =
        alice.postWithoutCsrf(
            "/api/accounts/" + ACME + "/payments", "{\"amount\":\"10.00\",\"currency\":\"USD\"}");
    assertThat(noCsrf.status()).isEqualTo(403);

    String key = UUID.randomUUID().toString();
    Browser.Response paid =
        alice.post(
            "/api/accounts/" + ACME + "/payments",
            "{\"amount\":\"25.00\",\"currency\":\"USD\"}",
            key);
    assertThat(paid.status()).as(paid.body()).isEqualTo(201);
    Browser.Response replay =
        alice.post(
            "/api/accounts/" + ACME + "/payments",
            "{\"amount\":\"25.00\",\"currency\":\"USD\"}",
            key);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("id").asString()).isEqualTo(paid.json().get("id").asString());

    BigDecimal expected = before.subtract(new BigDecimal("25.00"));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(balance(alice)).isEqualByComparingTo(expected));
  }

  @Test
  void anotherCustomerAskingForThatHeaderGets404() throws Exception {
    Browser bob = new Browser();
    assertThat(bob.login("bob", PASSWORD).status()).isEqualTo(200);
    assertThat(bob.get("/api/me").status()).isEqualTo(200);

    Browser.Response header = bob.get("/api/accounts/" + ACME + "/header");
    assertThat(header.status()).isEqualTo(404);
    assertThat(header.json().get("type").asString())
        .isEqualTo("https://peakhub.io/problems/not-found");
    assertThat(header.body()).doesNotContain("Acme");

    Browser.Response pay =
        bob.post(
            "/api/accounts/" + ACME + "/payments",
            "{\"amount\":\"1.00\",\"currency\":\"USD\"}",
            null);
    assertThat(pay.status()).isEqualTo(404);
  }

  @Test
  void accountExecutiveSeesEveryManagedAccount() throws Exception {
    Browser erin = new Browser();
    assertThat(erin.login("erin", PASSWORD).status()).isEqualTo(200);
    Browser.Response me = erin.get("/api/me");
    assertThat(me.json().get("accounts").findValuesAsString("name"))
        .containsExactlyInAnyOrder("Acme Corporation", "Globex GmbH", "Initech KK");
    assertThat(erin.get("/api/accounts/" + ACME + "/header").status()).isEqualTo(200);
  }

  @Test
  void withoutASessionTheApiAnswers401AndAfterLogoutTheSessionIsGone() throws Exception {
    Browser anonymous = new Browser();
    assertThat(anonymous.get("/api/me").status()).isEqualTo(401);

    Browser carol = new Browser();
    assertThat(carol.login("carol", PASSWORD).status()).isEqualTo(200);
    assertThat(carol.get("/api/me").status()).isEqualTo(200);
    Browser.Response out = carol.logout();
    assertThat(out.status()).isEqualTo(200);
    assertThat(carol.get("/api/me").status()).isEqualTo(401);
  }

  @Test
  void wrongPasswordDoesNotSignIn() throws Exception {
    Browser mallory = new Browser();
    mallory.login("alice", "wrong-password");
    assertThat(mallory.get("/api/me").status()).isEqualTo(401);
  }
}
