package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.PendingEvent;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.TestAccess;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An agent moves a case logged under the wrong account: a reason is required, the stream records
 * it, an event says so, and afterwards each account's people see the right thing (two accounts,
 * their people).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseAccountChangeTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String ALICE = UUID.randomUUID().toString(); // Acme, scope all
  static final String BOB = UUID.randomUUID().toString(); // Globex, scope all
  static final String SAM = UUID.randomUUID().toString(); // success agent
  static final String ALICE_TOKEN = bearer(ALICE, "alice", "customer");
  static final String BOB_TOKEN = bearer(BOB, "bob", "customer");
  static final String SAM_TOKEN = bearer(SAM, "sam", "success_agent");

  static {
    TestAccess.GRANTS
        .grant(ALICE, myCases(Level.full, Grant.Scope.all), ACME.toString())
        .grant(BOB, myCases(Level.full, Grant.Scope.all), GLOBEX.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  CaseApi api;
  String number;

  @BeforeEach
  void aliceOpensACaseThatIsGlobexs() throws Exception {
    api = new CaseApi(mvc);
    number = api.opened(ALICE_TOKEN, ACME, "Globex's licence renewal");
  }

  static String to(UUID account, String reason) {
    return "{\"accountId\":\""
        + account
        + "\",\"reason\":"
        + (reason == null ? "null" : "\"" + reason + "\"")
        + "}";
  }

  @Test
  void anAgentMovesTheCaseAndBothAccountsPeopleSeeTheRightThing() throws Exception {
    api.post(SAM_TOKEN, ACME, number, "account", to(GLOBEX, "Logged under the wrong account"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountId").value(GLOBEX.toString()))
        .andExpect(jsonPath("$.activity[-1].kind").value("account_change"))
        .andExpect(jsonPath("$.activity[-1].fromAccountId").value(ACME.toString()))
        .andExpect(jsonPath("$.activity[-1].toAccountId").value(GLOBEX.toString()))
        .andExpect(jsonPath("$.activity[-1].text").value("Logged under the wrong account"))
        .andExpect(jsonPath("$.activity[-1].actorName").value("sam"));

    api.list(ALICE_TOKEN, ACME, "").andExpect(jsonPath("$.items[*].number", not(hasItem(number))));
    api.detail(ALICE_TOKEN, ACME, number).andExpect(status().isNotFound());
    api.comment(ALICE_TOKEN, ACME, number, "still mine?").andExpect(status().isNotFound());
    api.list(BOB_TOKEN, GLOBEX, "").andExpect(jsonPath("$.items[*].number", hasItem(number)));
    api.detail(BOB_TOKEN, GLOBEX, number).andExpect(status().isOk());
    api.comment(BOB_TOKEN, GLOBEX, number, "thanks").andExpect(status().isOk());

    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents())
        .extracting(PendingEvent::type)
        .containsExactly("CaseOpened.v1", "CaseAccountChanged.v1", "CaseCommented.v1");
    PendingEvent moved = cases.findByNumber(number).orElseThrow().pendingEvents().get(1);
    var body = EventJson.read(moved.envelope()).body();
    assertThat(body.path("fromAccountId").asString()).isEqualTo(ACME.toString());
    assertThat(body.path("toAccountId").asString()).isEqualTo(GLOBEX.toString());
    assertThat(body.path("open").asBoolean()).isTrue();
  }

  @Test
  void aReasonIsRequiredAndOnlyAgentsMoveCases() throws Exception {
    api.post(SAM_TOKEN, ACME, number, "account", to(GLOBEX, null))
        .andExpect(status().isBadRequest());
    api.post(SAM_TOKEN, ACME, number, "account", to(GLOBEX, " "))
        .andExpect(status().isBadRequest());
    api.post(ALICE_TOKEN, ACME, number, "account", to(GLOBEX, "mine is theirs"))
        .andExpect(status().isForbidden());
    // another account's customer cannot move it (nor learn that it exists)
    api.post(BOB_TOKEN, ACME, number, "account", to(GLOBEX, "give it to me"))
        .andExpect(status().isNotFound());
    // the case under another account id than its own
    api.post(SAM_TOKEN, GLOBEX, number, "account", to(ACME, "wrong path"))
        .andExpect(status().isNotFound());
    api.post(SAM_TOKEN, ACME, number, "account", to(ACME, "same")).andExpect(status().isConflict());

    assertThat(cases.findByNumber(number).orElseThrow().accountId()).isEqualTo(ACME.toString());
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents())
        .extracting(PendingEvent::type)
        .containsExactly("CaseOpened.v1");
  }
}
