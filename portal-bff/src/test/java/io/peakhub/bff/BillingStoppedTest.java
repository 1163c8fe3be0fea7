package io.peakhub.bff;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.bff.summary.SummaryRepository;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 7.4 as reported: billing-service stopped (nothing listens on its port). */
@ServiceTest
class BillingStoppedTest {

  @DynamicPropertySource
  static void billing(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", () -> "http://127.0.0.1:1");
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired SummaryRepository summaries;

  @ParameterizedTest
  @ValueSource(strings = {"/invoices", "/payments", "/payment-methods", "/pay"})
  void billingScreensAnswer503ProblemWithRetryAfter(String path) throws Exception {
    String alice = UUID.randomUUID().toString();
    UUID acme = UUID.randomUUID();
    TestAccess.GRANTS.grant(alice, acme.toString());
    summaries.saveIfNewer(
        BillingData.summary(acme, "75.00", Instant.parse("2026-11-01T10:00:00Z")));
    mvc.perform(
            get("/api/accounts/" + acme + path)
                .header("Authorization", "Bearer " + TestJwts.token(alice, "alice", "customer")))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(
            jsonPath("$.detail")
                .value("billing-service cannot be reached. Try again in 5 seconds."));
  }

  @Test
  void theHeaderAndMeStillAnswer() throws Exception {
    String alice = UUID.randomUUID().toString();
    UUID acme = UUID.randomUUID();
    UUID notYetRead = UUID.randomUUID();
    TestAccess.GRANTS.grant(alice, acme.toString(), notYetRead.toString());
    summaries.saveIfNewer(
        BillingData.summary(acme, "75.00", Instant.parse("2026-11-01T10:00:00Z")));
    String token = "Bearer " + TestJwts.token(alice, "alice", "customer");
    mvc.perform(get("/api/accounts/" + acme + "/header").header("Authorization", token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.balance").value(75.00))
        .andExpect(jsonPath("$.canPay").value(true));
    mvc.perform(get("/api/me").header("Authorization", token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accounts.length()").value(2))
        .andExpect(
            jsonPath("$.accounts[?(@.accountId=='" + acme + "')].name").value("Acme Corporation"));
  }
}
