package io.peakhub.bff.subscription;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.peakhub.bff.BillingData;
import io.peakhub.bff.BillingStub;
import io.peakhub.bff.SubscriptionData;
import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.summary.SummaryRepository;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * My Subscriptions through portal-bff against a stand-in subscription-service (WireMock): the list
 * and detail screens, the changes passed on with their Idempotency-Key, the profile's levels,
 * another customer refused on every endpoint, bad input stopped here, and the screen while the
 * service is down.
 */
@ServiceTest
class MySubscriptionsTest {

  @DynamicPropertySource
  static void subscriptionService(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.subscription.url", BillingStub::url);
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired SummaryRepository summaries;
  @Autowired JdbcClient jdbc;

  final String alice = UUID.randomUUID().toString();
  final String bob = UUID.randomUUID().toString();
  final String aliceToken = "Bearer " + TestJwts.token(alice, "alice", "customer");
  final String bobToken = "Bearer " + TestJwts.token(bob, "bob", "customer");
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();
  final UUID pro = UUID.randomUUID();
  final String base = "/accounts/" + acme + "/subscriptions/";

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(alice, acme.toString());
    TestAccess.GRANTS.grant(bob, globex.toString());
    summaries.saveIfNewer(
        BillingData.summary(acme, "250.00", Instant.parse("2026-11-01T10:00:00Z")));
  }

  private void stubGet(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    BillingStub.server().stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(answer));
  }

  private void stubPost(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    BillingStub.server().stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(answer));
  }

  private static MockHttpServletRequestBuilder postJson(
      String path, String token, String key, String body) {
    var request = post(path).header("Authorization", token).contentType(MediaType.APPLICATION_JSON);
    if (key != null) {
      request = request.header("Idempotency-Key", key);
    }
    return body == null ? request : request.content(body);
  }

  private String apiPath(UUID account, UUID subscription) {
    return "/api/accounts/" + account + "/subscriptions/" + subscription;
  }

  @Test
  void theListIsOneCallWithRunningSubscriptionsFirstTheTotalsAndWhatTheProfileAllows()
      throws Exception {
    UUID ended = UUID.randomUUID();
    UUID paused = UUID.randomUUID();
    stubGet(
        "/accounts/" + acme + "/subscriptions",
        json(
            "["
                + SubscriptionData.subscriptionJson(acme, ended, "SUB-000001", "cancelled", 2)
                + ","
                + SubscriptionData.subscriptionJson(acme, paused, "SUB-000002", "paused", 5)
                + ","
                + SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "active", 25)
                + "]"));
    jdbc.sql(
            """
            INSERT INTO subscription_state (subscription_id, account_id, status, currency, mrr, occurred_at)
            VALUES (:a, :acme, 'active', 'USD', 1200.00, now()), (:b, :acme, 'paused', 'USD', 0, now())""")
        .param("a", pro)
        .param("b", paused)
        .param("acme", acme)
        .update();
    mvc.perform(get("/api/accounts/" + acme + "/subscriptions").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscriptions.status").value("ok"))
        .andExpect(
            jsonPath("$.subscriptions.data[*].number")
                .value(org.hamcrest.Matchers.contains("SUB-000003", "SUB-000002", "SUB-000001")))
        .andExpect(jsonPath("$.subscriptions.data[0].planName").value("Peak Analytics Pro"))
        .andExpect(jsonPath("$.subscriptions.data[0].unitPrice").value(48.00))
        .andExpect(jsonPath("$.subscriptions.data[0].nextRenewalDate").value("2026-12-01"))
        .andExpect(jsonPath("$.subscriptions.data[0].monthlyRecurringRevenue").value(1200))
        .andExpect(jsonPath("$.subscriptions.data[0].someLaterField").doesNotExist())
        .andExpect(jsonPath("$.totals.data.activeSubscriptions").value(1))
        .andExpect(jsonPath("$.totals.data.monthlyRecurringRevenue").value(1200.00))
        .andExpect(jsonPath("$.totals.data.currency").value("USD"))
        .andExpect(jsonPath("$.accountActive").value(true))
        .andExpect(jsonPath("$.permissions.add").value(true))
        .andExpect(jsonPath("$.permissions.change").value(true))
        .andExpect(jsonPath("$.permissions.pauseResume").value(true))
        .andExpect(jsonPath("$.permissions.cancel").value(true));
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/accounts/" + acme + "/subscriptions"))
                .withHeader("Authorization", equalTo(aliceToken)));
  }

  @ParameterizedTest(
      name = "my_subscriptions {0}: add {1}, change {2}, pause/resume {3}, cancel {4}")
  @CsvSource({
    "view,false,false,false,false",
    "create,true,false,false,false",
    "edit,true,true,true,false",
    "full,true,true,true,true"
  })
  void theScreenSaysWhatEachLevelAllows(
      Level level, boolean add, boolean change, boolean pauseResume, boolean cancel)
      throws Exception {
    String user = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        user, Map.of(Area.my_subscriptions, new Grant(level, Grant.Scope.all)), acme.toString());
    stubGet("/accounts/" + acme + "/subscriptions", json("[]"));
    mvc.perform(
            get("/api/accounts/" + acme + "/subscriptions")
                .header("Authorization", "Bearer " + TestJwts.token(user, "user", "customer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.permissions.add").value(add))
        .andExpect(jsonPath("$.permissions.change").value(change))
        .andExpect(jsonPath("$.permissions.pauseResume").value(pauseResume))
        .andExpect(jsonPath("$.permissions.cancel").value(cancel));
  }

  @Test
  void anInactiveAccountAllowsNoChange() throws Exception {
    var s = BillingData.summary(acme, "250.00", Instant.parse("2026-11-02T10:00:00Z"));
    summaries.saveIfNewer(
        new AccountSummary(
            s.accountId(),
            s.accountNumber(),
            s.name(),
            s.currency(),
            "inactive",
            s.balance(),
            s.creditBalance(),
            s.lastPaymentAmount(),
            s.lastPaymentAt(),
            s.lastInvoiceDate(),
            s.asOf()));
    stubGet("/accounts/" + acme + "/subscriptions", json("[]"));
    mvc.perform(get("/api/accounts/" + acme + "/subscriptions").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountActive").value(false))
        .andExpect(jsonPath("$.permissions.change").value(false))
        .andExpect(jsonPath("$.permissions.cancel").value(false));
  }

  @Test
  void theDetailScreenHasTheSubscriptionThePlansInItsCurrencyAndTheCancellationReasons()
      throws Exception {
    stubGet(
        base + pro, json(SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "active", 25)));
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/catalog/plans"))
                .withQueryParam("currency", equalTo("USD"))
                .willReturn(
                    json(
                        """
            [{"id":"%s","code":"analytics-pro-usd-monthly","productCode":"analytics","productName":"Peak Analytics",
              "name":"Peak Analytics Pro","billingPeriod":"monthly","currency":"USD","unitPrice":48.00,"trialDays":0}]"""
                            .formatted(UUID.randomUUID()))));
    mvc.perform(get(apiPath(acme, pro)).header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.number").value("SUB-000003"))
        .andExpect(jsonPath("$.subscription.currentTermEnd").value("2026-11-30"))
        .andExpect(jsonPath("$.plans.status").value("ok"))
        .andExpect(jsonPath("$.plans.data[0].code").value("analytics-pro-usd-monthly"))
        .andExpect(jsonPath("$.cancellationReasons[0]").value("too_expensive"))
        .andExpect(jsonPath("$.cancellationReasons.length()").value(6))
        .andExpect(jsonPath("$.permissions.cancel").value(true));
  }

  @Test
  void previewAndChangePassTheKeyAndTheBodyAndKeepTheReplayHeader() throws Exception {
    stubPost(base + pro + "/changes/preview", json(SubscriptionData.quoteJson()));
    stubPost(
        base + pro + "/changes",
        json("{\"subscription\":"
                + SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "active", 30)
                + ",\"quote\":"
                + SubscriptionData.quoteJson()
                + "}")
            .withHeader("Idempotent-Replayed", "true"));
    String body = "{\"quantity\":30,\"when\":\"now\"}";
    mvc.perform(postJson(apiPath(acme, pro) + "/changes/preview", aliceToken, "preview-1", body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.amountDueNow").value(120.00))
        .andExpect(jsonPath("$.amountAtNextRenewal").value(1440.00))
        .andExpect(jsonPath("$.lines[0].kind").value("credit"))
        .andExpect(jsonPath("$.lines[0].amount").value(-600.00));
    mvc.perform(postJson(apiPath(acme, pro) + "/changes", aliceToken, "change-1", body))
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.subscription.quantity").value(30))
        .andExpect(jsonPath("$.quote.amountDueNow").value(120.00));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(base + pro + "/changes"))
                .withHeader("Idempotency-Key", equalTo("change-1"))
                .withHeader("Authorization", equalTo(aliceToken))
                .withRequestBody(equalToJson(body)));
  }

  @Test
  void cancelUndoPauseAndResumeAnswerTheSubscriptionAlike() throws Exception {
    String sub = SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "active", 25);
    stubPost(
        base + pro + "/cancel",
        json("{\"subscription\":" + sub + ",\"lines\":[],\"amountDueNow\":0}"));
    stubPost(base + pro + "/cancel/undo", json(sub));
    stubPost(
        base + pro + "/pause",
        json(SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "paused", 25)));
    stubPost(
        base + pro + "/resume",
        json("{\"subscription\":" + sub + ",\"lines\":[],\"amountDueNow\":0}"));
    mvc.perform(
            postJson(
                apiPath(acme, pro) + "/cancel",
                aliceToken,
                "c-1",
                "{\"when\":\"term_end\",\"reason\":\"too_expensive\",\"comment\":\"  budget cut  \"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.number").value("SUB-000003"));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(base + pro + "/cancel"))
                .withHeader("Idempotency-Key", equalTo("c-1"))
                .withRequestBody(
                    equalToJson(
                        "{\"when\":\"term_end\",\"reason\":\"too_expensive\",\"comment\":\"budget cut\"}")));
    mvc.perform(postJson(apiPath(acme, pro) + "/cancel/undo", aliceToken, "u-1", null))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("active"))
        .andExpect(jsonPath("$.lines.length()").value(0));
    mvc.perform(postJson(apiPath(acme, pro) + "/pause", aliceToken, "p-1", null))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("paused"));
    mvc.perform(postJson(apiPath(acme, pro) + "/resume", aliceToken, "r-1", null))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("active"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|",
        "GET|/{id}",
        "POST|/{id}/changes/preview",
        "POST|/{id}/changes",
        "POST|/{id}/cancel",
        "POST|/{id}/cancel/undo",
        "POST|/{id}/pause",
        "POST|/{id}/resume"
      })
  void anotherCustomersAccountIsNotFoundOnEveryEndpointAndNothingIsAsked(
      String method, String suffix) throws Exception {
    String path =
        "/api/accounts/"
            + acme
            + "/subscriptions"
            + (suffix == null ? "" : suffix.replace("{id}", pro.toString()));
    String body =
        suffix != null && suffix.endsWith("/cancel")
            ? "{\"when\":\"now\",\"reason\":\"other\"}"
            : "{\"quantity\":2,\"when\":\"now\"}";
    var request =
        method.equals("GET")
            ? get(path).header("Authorization", bobToken)
            : postJson(path, bobToken, "k-1", body);
    mvc.perform(request)
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void anotherAccountsSubscriptionUnderOnesOwnAccountIsNotFound() throws Exception {
    // bob asks for Acme's subscription under Globex, his own account: subscription-service finds
    // none there
    stubGet(
        "/accounts/" + globex + "/subscriptions/" + pro,
        problem(404, "not-found", "No subscription " + pro));
    stubPost(
        "/accounts/" + globex + "/subscriptions/" + pro + "/cancel",
        problem(404, "not-found", "No subscription"));
    mvc.perform(get(apiPath(globex, pro)).header("Authorization", bobToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    mvc.perform(
            postJson(
                apiPath(globex, pro) + "/cancel",
                bobToken,
                "k-2",
                "{\"when\":\"now\",\"reason\":\"other\"}"))
        .andExpect(status().isNotFound());
    assertThat(BillingStub.requests())
        .allMatch(r -> r.getRequest().getUrl().startsWith("/accounts/" + globex + "/"));
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/changes/preview|view|403", "/changes|view|403", "/pause|view|403", "/resume|view|403",
        "/cancel|view|403", "/cancel/undo|view|403", "/changes|create|403", "/pause|create|403",
        "/cancel|edit|403", "/cancel/undo|edit|403"
      })
  void aProfileOneLevelShortIsForbiddenAndNothingChanges(String action, Level level, int expected)
      throws Exception {
    String user = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        user, Map.of(Area.my_subscriptions, new Grant(level, Grant.Scope.all)), acme.toString());
    String body =
        action.startsWith("/cancel") && !action.endsWith("undo")
            ? "{\"when\":\"now\",\"reason\":\"other\"}"
            : "{\"quantity\":2,\"when\":\"now\"}";
    mvc.perform(
            postJson(
                apiPath(acme, pro) + action,
                "Bearer " + TestJwts.token(user, "reader", "customer"),
                "k-3",
                body))
        .andExpect(status().is(expected))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void justEnoughPasses() throws Exception {
    String editor = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        editor,
        Map.of(Area.my_subscriptions, new Grant(Level.edit, Grant.Scope.all)),
        acme.toString());
    stubPost(
        base + pro + "/pause",
        json(SubscriptionData.subscriptionJson(acme, pro, "SUB-000003", "paused", 25)));
    mvc.perform(
            postJson(
                apiPath(acme, pro) + "/pause",
                "Bearer " + TestJwts.token(editor, "editor", "customer"),
                "k-4",
                null))
        .andExpect(status().isOk());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/changes/preview|{\"quantity\":0,\"when\":\"now\"}|quantity",
        "/changes/preview|{\"quantity\":-3,\"when\":\"now\"}|quantity",
        "/changes|{\"quantity\":10001,\"when\":\"now\"}|quantity",
        "/changes|{\"quantity\":99999999999,\"when\":\"now\"}|",
        "/changes|{\"quantity\":2,\"when\":\"tomorrow\"}|when",
        "/changes|{\"quantity\":2}|when",
        "/changes|{\"when\":\"now\"}|quantity",
        "/changes|{\"planCode\":\"\",\"when\":\"now\"}|planCode",
        "/changes|{\"quantity\":\"two\",\"when\":\"now\"}|",
        "/changes|{not json|",
        "/cancel|{\"when\":\"now\",\"reason\":\"bored\"}|reason",
        "/cancel|{\"when\":\"now\"}|reason",
        "/cancel|{\"when\":\"later\",\"reason\":\"other\"}|when"
      })
  void badInputIsA400ProblemAndNothingIsAsked(String action, String body, String field)
      throws Exception {
    var result =
        mvc.perform(postJson(apiPath(acme, pro) + action, aliceToken, "k-5", body))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.detail").isNotEmpty());
    if (field != null) {
      result.andExpect(jsonPath("$.field").value(field));
    }
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void aCommentTooLongIsRefused() throws Exception {
    mvc.perform(
            postJson(
                apiPath(acme, pro) + "/cancel",
                aliceToken,
                "k-6",
                "{\"when\":\"now\",\"reason\":\"other\",\"comment\":\"" + "x".repeat(1001) + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("comment"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @ParameterizedTest(name = "Idempotency-Key [{0}]")
  @CsvSource(
      value = {"NULL", "'   '", "'has space'", "'ümlaut'"},
      nullValues = "NULL")
  void everyChangeNeedsAUsableIdempotencyKey(String key) throws Exception {
    mvc.perform(postJson(apiPath(acme, pro) + "/pause", aliceToken, key, null))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void aSubscriptionIdThatIsNoUuidIsA400() throws Exception {
    mvc.perform(
            get("/api/accounts/" + acme + "/subscriptions/SUB-000003")
                .header("Authorization", aliceToken))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }

  @Test
  void theServicesOwnRefusalPassesOnUnchanged() throws Exception {
    stubPost(
        base + pro + "/resume",
        problem(409, "subscription-not-paused", "SUB-000003 is not paused."));
    mvc.perform(postJson(apiPath(acme, pro) + "/resume", aliceToken, "k-7", null))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/subscription-not-paused"))
        .andExpect(jsonPath("$.detail").value("SUB-000003 is not paused."));
  }

  @Test
  void whileSubscriptionServiceIsDownTheListSaysSoAndTheTotalsStillShow() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.any(anyUrl())
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    mvc.perform(get("/api/accounts/" + acme + "/subscriptions").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscriptions.status").value("unavailable"))
        .andExpect(
            jsonPath("$.subscriptions.detail")
                .value(org.hamcrest.Matchers.containsString("subscription-service")))
        .andExpect(jsonPath("$.totals.status").value("ok"))
        .andExpect(jsonPath("$.permissions.change").value(true));
    mvc.perform(get(apiPath(acme, pro)).header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.service").value("subscription-service"));
    mvc.perform(postJson(apiPath(acme, pro) + "/pause", aliceToken, "k-8", null))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"));
  }
}
