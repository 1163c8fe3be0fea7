package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.account.AccountStatuses;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.TestAccess;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Billing's account status, learned from billing.account, refuses every case write while inactive;
 * reads work.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class InactiveAccountTest {

  static final UUID ACME = UUID.randomUUID();
  static final String CARA = UUID.randomUUID().toString();
  static final String SAM = UUID.randomUUID().toString();

  static {
    TestAccess.GRANTS
        .grant(CARA, myCases(Level.create, Grant.Scope.all), ACME.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired AccountStatuses statuses;

  private void billingSays(String type, String status, Instant asOf) {
    statuses.on(
        EventJson.write(
            new EventEnvelope(
                UUID.randomUUID(),
                type,
                asOf,
                ACME.toString(),
                EventJson.tree(
                    Map.of("number", "A-000777", "status", status, "asOf", asOf.toString())))));
  }

  private static ResultActions inactive(ResultActions result) throws Exception {
    return result
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(containsString("account-inactive")))
        .andExpect(jsonPath("$.detail").value(containsString("A-000777")));
  }

  @Test
  void anInactiveAccountRefusesEveryCaseWriteAndStillAnswersReads() throws Exception {
    CaseApi api = new CaseApi(mvc);
    String cara = bearer(CARA, "cara", "customer");
    String sam = bearer(SAM, "sam", "success_agent");
    String resolved = api.opened(cara, ACME, "Before deactivation");
    api.state(sam, ACME, resolved, "resolved").andExpect(status().isOk());
    Instant t0 = CaseTestSupport.CLOCK.instant();
    billingSays("AccountUpdated.v1", "inactive", t0);
    long count = cases.count();
    long version = cases.findByNumber(resolved).orElseThrow().version();

    inactive(api.open(cara, ACME, CaseApi.openCaseBody("After")));
    inactive(api.comment(cara, ACME, resolved, "x"));
    inactive(api.note(sam, ACME, resolved, "x"));
    inactive(api.state(sam, ACME, resolved, "closed"));
    inactive(api.post(cara, ACME, resolved, "resolution/accept", ""));
    inactive(api.post(cara, ACME, resolved, "resolution/reject", "{\"reason\":\"no\"}"));
    inactive(api.post(cara, ACME, resolved, "reopen", "{\"reason\":\"no\"}"));
    inactive(
        api.upload(
            cara,
            ACME,
            resolved,
            "a.txt",
            "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(cases.count()).isEqualTo(count);
    assertThat(cases.findByNumber(resolved).orElseThrow().version()).isEqualTo(version);
    api.list(cara, ACME, "").andExpect(status().isOk());
    api.detail(cara, ACME, resolved).andExpect(status().isOk());

    // an older event arriving late does not reactivate it; a newer one does
    billingSays("BalanceChanged.v1", "active", t0.minusSeconds(60));
    inactive(api.open(cara, ACME, CaseApi.openCaseBody("Still refused")));
    billingSays("BalanceChanged.v1", "active", t0.plusSeconds(60));
    api.open(cara, ACME, CaseApi.openCaseBody("After reactivation"))
        .andExpect(status().isCreated());
  }
}
