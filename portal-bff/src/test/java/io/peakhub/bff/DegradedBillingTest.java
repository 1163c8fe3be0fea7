package io.peakhub.bff;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.peakhub.bff.summary.SummaryRepository;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 7.4: billing slow, failing or resetting connections. Every billing call ends within the
 * time limit in a 503 problem naming billing-service, with Retry-After; the header answers from the
 * read model.
 */
@ServiceTest
class DegradedBillingTest {

  static final String TIMEOUT_MS = "500";

  @DynamicPropertySource
  static void billing(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.downstream.timeout", () -> "PT0." + TIMEOUT_MS + "S");
    // the breaker must not open in between: each test here sees the time limit or the failure
    // itself
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired SummaryRepository summaries;
  @Autowired Resilience4JCircuitBreakerFactory breakers;

  final String alice = UUID.randomUUID().toString();
  final String aliceToken = "Bearer " + TestJwts.token(alice, "alice", "customer");
  final UUID acme = UUID.randomUUID();

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(alice, acme.toString());
    summaries.saveIfNewer(
        BillingData.summary(acme, "120.00", Instant.parse("2026-11-01T10:00:00Z")));
  }

  @Test
  void slowBillingAnswers503AfterTheTimeLimitNotAHang() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(anyUrl())
                .willReturn(json("{\"items\":[],\"next\":null}").withFixedDelay(3000)));
    long started = System.nanoTime();
    mvc.perform(get("/api/accounts/" + acme + "/invoices").header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(jsonPath("$.service").value("billing-service"))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("did not answer within 500 ms")));
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    assertThat(tookMs).isGreaterThanOrEqualTo(450).isLessThan(2500);
  }

  @Test
  void billingAnswering500IsA503NamingBilling() throws Exception {
    BillingStub.server().stubFor(WireMock.get(anyUrl()).willReturn(WireMock.serverError()));
    mvc.perform(get("/api/accounts/" + acme + "/payments").header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.startsWith("billing-service answered 500")));
  }

  @Test
  void aConnectionResetByBillingIsA503() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(anyUrl())
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    mvc.perform(get("/api/accounts/" + acme + "/invoices").header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.startsWith("billing-service cannot be reached")));
  }

  @Test
  void theHeaderStillAnswersFromTheReadModelWhileBillingIsSlow() throws Exception {
    BillingStub.server()
        .stubFor(WireMock.get(anyUrl()).willReturn(json("{}").withFixedDelay(3000)));
    mvc.perform(get("/api/accounts/" + acme + "/header").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.balance").value(120.00));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void myAccountShowsTheSummaryAndMarksEachBillingSectionUnavailableWithinTheLimit()
      throws Exception {
    BillingStub.server()
        .stubFor(WireMock.get(anyUrl()).willReturn(json("{}").withFixedDelay(3000)));
    long started = System.nanoTime();
    mvc.perform(get("/api/accounts/" + acme + "/my-account").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.account.status").value("ok"))
        .andExpect(jsonPath("$.account.data.balance").value(120.00))
        .andExpect(jsonPath("$.invoices.status").value("unavailable"))
        .andExpect(jsonPath("$.invoices.data").doesNotExist())
        .andExpect(
            jsonPath("$.invoices.detail")
                .value(org.hamcrest.Matchers.containsString("billing-service")))
        .andExpect(jsonPath("$.paymentMethods.status").value("unavailable"))
        .andExpect(jsonPath("$.payments.status").value("unavailable"))
        .andExpect(jsonPath("$.contacts.status").value("unavailable"))
        .andExpect(jsonPath("$.permissions.pay").value(true));
    // the four billing parts wait side by side: one time limit, not four
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2500);
  }

  @Test
  void oneFailingSectionLeavesTheOthersOk() throws Exception {
    BillingStub.server()
        .stubFor(WireMock.get(anyUrl()).willReturn(json("{\"items\":[],\"next\":null}")));
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/payment-methods"))
                .willReturn(WireMock.serverError()));
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/contacts"))
                .willReturn(
                    json(
                        "{\"billTo\":"
                            + BillingData.contactJson("ap@acme.test")
                            + ",\"soldTo\":null}")));
    mvc.perform(get("/api/accounts/" + acme + "/my-account").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paymentMethods.status").value("unavailable"))
        .andExpect(jsonPath("$.invoices.status").value("ok"))
        .andExpect(jsonPath("$.payments.status").value("ok"))
        .andExpect(jsonPath("$.contacts.status").value("ok"))
        .andExpect(jsonPath("$.contacts.data.billTo.email").value("ap@acme.test"));
  }

  @Test
  void thePayScreenIs503WhileBillingIsDown() throws Exception {
    BillingStub.server().stubFor(WireMock.get(anyUrl()).willReturn(WireMock.serviceUnavailable()));
    mvc.perform(get("/api/accounts/" + acme + "/pay").header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"));
  }

  @Test
  void anOpenCircuitAnswersAtOnceWithoutCallingBilling() throws Exception {
    BillingStub.server()
        .stubFor(WireMock.get(anyUrl()).willReturn(json("{\"items\":[],\"next\":null}")));
    mvc.perform(get("/api/accounts/" + acme + "/payments").header("Authorization", aliceToken))
        .andExpect(status().isOk());
    var breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("billing");
    breaker.transitionToOpenState();
    try {
      BillingStub.server().resetRequests();
      mvc.perform(get("/api/accounts/" + acme + "/payments").header("Authorization", aliceToken))
          .andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "10"))
          .andExpect(
              jsonPath("$.detail")
                  .value(org.hamcrest.Matchers.containsString("calls to it are paused")));
      assertThat(BillingStub.requests()).isEmpty();
    } finally {
      breaker.reset();
    }
  }

  @Test
  void billingsOwnNotFoundPassesOnAndDoesNotCountAsAFailure() throws Exception {
    UUID invoice = UUID.randomUUID();
    BillingStub.server()
        .stubFor(
            WireMock.get(anyUrl())
                .willReturn(problem(404, "not-found", "Invoice x was not found.")));
    var breaker = breakers.getCircuitBreakerRegistry().circuitBreaker("billing");
    int failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
    mvc.perform(
            get("/api/accounts/" + acme + "/invoices/" + invoice)
                .header("Authorization", aliceToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
  }
}
