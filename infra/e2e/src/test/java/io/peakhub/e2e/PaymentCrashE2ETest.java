package io.peakhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * billing-service is killed (SIGKILL, no shutdown hooks) while the processor's answer to a charge
 * is on its way: the sandbox has recorded the charge, billing has not settled it. The devstack
 * starts billing again and its payment reconciler, which runs at start-up, settles the payment
 * once: one charge at the processor, the invoice paid once, one PaymentSucceeded.v1. Uses the
 * slow-answer test card (4000 0000 0000 3063, answered after peakhub.payments.sandbox.slow-delay, 8
 * s by default).
 *
 * <p>It talks to billing directly with the seeder's service token (as the devstack's demo data
 * does) and reads billing's database for what only the tables show: the processor's ledger and the
 * outbox.
 */
class PaymentCrashE2ETest {

  private static final Map<String, String> ENV = System.getenv();
  private static final Path ROOT =
      Path.of(ENV.getOrDefault("HUB_ROOT", "../..")).toAbsolutePath().normalize();
  private static final Path HOME =
      ROOT.resolve(ENV.getOrDefault("HUB_HOME", ".hub")).toAbsolutePath().normalize();
  private static final String BILLING =
      "http://localhost:" + ENV.getOrDefault("HUB_BILLING_PORT", "8082");
  private static final String KEYCLOAK =
      ENV.getOrDefault(
          "HUB_KEYCLOAK_URL", "http://localhost:" + ENV.getOrDefault("HUB_KEYCLOAK_PORT", "8180"));
  private static final String POSTGRES =
      ENV.getOrDefault(
          "HUB_POSTGRES_URL",
          "jdbc:postgresql://localhost:" + ENV.getOrDefault("HUB_POSTGRES_PORT", "5433") + "/");
  private static final String BILLING_DB =
      (POSTGRES.endsWith("/") ? POSTGRES : POSTGRES + "/") + "billing";
  private static final String SLOW_CARD = "4000000000003063";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private String token;

  @Test
  void billingKilledWhileTheProcessorsAnswerIsPendingSettlesThePaymentOnceAfterItsRestart()
      throws Exception {
    token = serviceToken();
    UUID account = UUID.randomUUID();
    int n = ThreadLocalRandom.current().nextInt(900_000, 1_000_000);
    send(
        "PUT",
        "/admin/accounts/" + account,
        """
        {"number":"A-%06d","name":"Crash Test Ltd A-%06d","currency":"USD","status":"active","locale":"en-US"}"""
            .formatted(n, n));
    LocalDate today = LocalDate.now();
    send(
        "PUT",
        "/admin/accounts/" + account + "/invoices/INV-2099-%06d".formatted(n),
        """
        {"invoiceDate":"%s","dueDate":"%s","lines":[{"description":"Seats","quantity":1,"unitPrice":"30.00"}]}"""
            .formatted(today, today.plusDays(30)));
    String card =
        JSON.readTree(
                send(
                        "POST",
                        "/sandbox/tokens",
                        """
        {"number":"%s","expMonth":12,"expYear":%d,"cvc":"123"}"""
                            .formatted(SLOW_CARD, today.getYear() + 3))
                    .body())
            .get("token")
            .asString();
    String key = "e2e-crash-" + UUID.randomUUID();
    String payment = "{\"amount\":\"30.00\",\"currency\":\"USD\",\"cardToken\":\"" + card + "\"}";

    // the request waits for the slow answer; the charge is at the processor already
    CompletableFuture<HttpResponse<String>> inFlight =
        http.sendAsync(
            request("POST", "/accounts/" + account + "/payments", payment)
                .header("Idempotency-Key", key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                paymentId(account, key) != null
                    && processorCharges(paymentId(account, key)).size() == 1);
    UUID paymentId = paymentId(account, key);
    assertThat(inFlight).isNotDone();

    kill9("billing-service");
    try {
      assertThat(
              inFlight
                  .handle((r, e) -> e != null || r.statusCode() >= 500)
                  .get(30, TimeUnit.SECONDS))
          .isTrue();
      // the crash left it charged but not settled
      assertThat(status(paymentId)).isEqualTo("pending");
      assertThat(invoiceBalance(account)).isEqualByComparingTo("30.00");
    } finally {
      // billing comes back even when the test fails here: the tests after this one need it
      devstackUp();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> "succeeded".equals(status(paymentId)));
    assertThat(processorCharges(paymentId)).containsExactly("SUCCEEDED");
    assertThat(invoiceBalance(account)).isEqualByComparingTo("0");
    assertThat(count("SELECT count(*) FROM payment_allocation WHERE payment_id = ?", paymentId))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM payment WHERE account_id = ?", account)).isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM outbox_event WHERE message_key = ? AND type = 'PaymentSucceeded.v1'",
                account.toString()))
        .isEqualTo(1);

    // the customer's retry answers the settled payment and charges nothing more
    HttpResponse<String> retry =
        http.send(
            request("POST", "/accounts/" + account + "/payments", payment)
                .header("Idempotency-Key", key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(retry.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(retry.body());
    assertThat(body.get("id").asString()).isEqualTo(paymentId.toString());
    assertThat(body.get("status").asString()).isEqualTo("succeeded");
    JsonNode summary = JSON.readTree(send("GET", "/accounts/" + account + "/summary", null).body());
    assertThat(summary.get("balance").decimalValue()).isEqualByComparingTo("0");
    assertThat(processorCharges(paymentId)).hasSize(1);
  }

  /** SIGKILL to the process the devstack started, by the pid file it keeps. */
  private static void kill9(String component) throws IOException, InterruptedException {
    long pid =
        Long.parseLong(Files.readString(HOME.resolve("pids").resolve(component + ".pid")).trim());
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  /**
   * What `./hub up` runs: the devstack starts only what is not running (billing here), without
   * seeding again.
   */
  private static void devstackUp() throws IOException, InterruptedException {
    Path target = ROOT.resolve("infra/devstack/target");
    String classpath =
        target.resolve("classes") + ":" + Files.readString(target.resolve("classpath.txt")).trim();
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder up =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                classpath,
                "io.peakhub.devstack.Hub",
                "up",
                "--no-seed")
            .directory(ROOT.toFile())
            .inheritIO();
    up.environment().put("HUB_ROOT", ROOT.toString());
    up.environment().put("HUB_HOME", HOME.toString());
    Process process = up.start();
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("devstack up finished").isTrue();
    assertThat(process.exitValue()).as("devstack up exit code").isZero();
  }

  private UUID paymentId(UUID account, String key) throws SQLException {
    try (Connection c = db();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id FROM payment WHERE account_id = ? AND idempotency_key = ?")) {
      s.setObject(1, account);
      s.setString(2, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getObject(1, UUID.class) : null;
      }
    }
  }

  /** The sandbox processor's ledger for this payment's key. */
  private List<String> processorCharges(UUID paymentId) throws SQLException {
    try (Connection c = db();
        PreparedStatement s =
            c.prepareStatement("SELECT outcome FROM sandbox_charge WHERE idempotency_key = ?")) {
      s.setString(1, "peakhub-pay-" + paymentId);
      try (ResultSet r = s.executeQuery()) {
        List<String> outcomes = new ArrayList<>();
        while (r.next()) {
          outcomes.add(r.getString(1));
        }
        return outcomes;
      }
    }
  }

  private String status(UUID paymentId) throws SQLException {
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement("SELECT status FROM payment WHERE id = ?")) {
      s.setObject(1, paymentId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  private BigDecimal invoiceBalance(UUID account) throws SQLException {
    try (Connection c = db();
        PreparedStatement s =
            c.prepareStatement("SELECT sum(balance) FROM invoice WHERE account_id = ?")) {
      s.setObject(1, account);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBigDecimal(1);
      }
    }
  }

  private long count(String sql, Object param) throws SQLException {
    try (Connection c = db();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, param);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(
        BILLING_DB,
        ENV.getOrDefault("HUB_POSTGRES_USER", "postgres"),
        ENV.getOrDefault("HUB_POSTGRES_PASSWORD", "postgres"));
  }

  private HttpRequest.Builder request(String method, String path, String json) {
    return HttpRequest.newBuilder(URI.create(BILLING + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(
            method,
            json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(method, path, json).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isBetween(200, 299);
    return response;
  }

  /** The devstack seeder's service-account token (client credentials), as its demo data uses. */
  private String serviceToken() throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id=hub-seeder&client_secret="
            + URLEncoder.encode(
                ENV.getOrDefault("HUB_SEEDER_SECRET", "hub-seeder-secret"), StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(KEYCLOAK + "/realms/peak/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("Keycloak token: " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asString();
  }
}
