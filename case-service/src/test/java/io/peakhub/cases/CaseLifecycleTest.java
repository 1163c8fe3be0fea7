package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.time.Duration;
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
 * Opening, answering and resolving a case; internal notes; the reopen window; the profile's levels.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseLifecycleTest {

  static final UUID ACME = UUID.randomUUID();
  static final String CARA = UUID.randomUUID().toString();
  static final String VERA = UUID.randomUUID().toString(); // my_cases view only
  static final String SAM = UUID.randomUUID().toString();
  static final String ADA = UUID.randomUUID().toString(); // admin, logs in as Cara
  static final String SECRET = "customer-is-difficult-7f3a";

  static {
    TestAccess.GRANTS
        .grant(CARA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(VERA, myCases(Level.view, Grant.Scope.all), ACME.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  CaseApi api;
  final String cara = bearer(CARA, "cara", "customer");
  final String sam = bearer(SAM, "sam", "success_agent");

  @BeforeEach
  void setUp() {
    api = new CaseApi(mvc);
  }

  @Test
  void customerOpensACaseWithANumberADueDateAndTheDaysRemaining() throws Exception {
    api.open(cara, ACME, CaseApi.openCaseBody("Wrong VAT on invoice"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", containsString("/accounts/" + ACME + "/cases/CS")))
        .andExpect(jsonPath("$.number").value(org.hamcrest.Matchers.matchesPattern("CS[0-9]{7}")))
        .andExpect(jsonPath("$.state").value("new"))
        .andExpect(jsonPath("$.requesterId").value(CARA))
        .andExpect(jsonPath("$.priority").value("high"))
        .andExpect(
            jsonPath("$.dueDate")
                .value(
                    CaseTestSupport.CLOCK
                        .instant()
                        .atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate()
                        .plusDays(3)
                        .toString()))
        .andExpect(jsonPath("$.daysRemaining").value(3));
  }

  @Test
  void anOverdueCaseCountsItsDaysRemainingBelowZeroInTheListAndTheDetail() throws Exception {
    String number = api.opened(cara, ACME, "Overdue case");
    // due in 3 days (priority high): five days later it is two days overdue
    CaseTestSupport.CLOCK.advance(Duration.ofDays(5));
    api.detail(cara, ACME, number)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.daysRemaining").value(-2));
    api.list(cara, ACME, "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[?(@.number == '" + number + "')].daysRemaining").value(-2));
  }

  @Test
  void aProfileOneLevelShortIsRefusedAndJustEnoughPasses() throws Exception {
    long before = cases.count();
    api.open(bearer(VERA, "vera", "customer"), ACME, CaseApi.openCaseBody("x"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value(containsString("forbidden")));
    assertThat(cases.count()).isEqualTo(before);
    api.open(cara, ACME, CaseApi.openCaseBody("x")).andExpect(status().isCreated());
  }

  @Test
  void internalNotesNeverAppearInACustomersAnswer() throws Exception {
    String number = api.opened(cara, ACME, "Notes case");
    api.note(sam, ACME, number, SECRET)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activity[-1].kind").value("internal_note"))
        .andExpect(jsonPath("$.activity[-1].text").value(SECRET));
    api.detail(sam, ACME, number).andExpect(content().string(containsString(SECRET)));

    api.detail(cara, ACME, number)
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(SECRET))))
        .andExpect(content().string(not(containsString("internal_note"))));
    api.list(cara, ACME, "").andExpect(content().string(not(containsString(SECRET))));
    api.comment(cara, ACME, number, "any news?")
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(SECRET))));
    api.state(sam, ACME, number, "resolved").andExpect(status().isOk());
    api.post(cara, ACME, number, "resolution/reject", "{\"reason\":\"still broken\"}")
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString(SECRET))));
    // a customer cannot write one
    api.note(cara, ACME, number, "mine").andExpect(status().isForbidden());
  }

  @Test
  void agentResolvesCustomerAcceptsAndTheStreamSaysWhoAndWhen() throws Exception {
    String number = api.opened(cara, ACME, "Stream case");
    api.comment(sam, ACME, number, "Looking into it").andExpect(status().isOk());
    api.state(sam, ACME, number, "in_progress").andExpect(status().isOk());
    api.state(sam, ACME, number, "resolved")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.daysRemaining").isEmpty());
    api.post(cara, ACME, number, "resolution/accept", "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("closed"))
        .andExpect(
            jsonPath("$.activity[*].kind")
                .value(contains("comment", "state_change", "state_change", "state_change")))
        .andExpect(jsonPath("$.activity[*].actorName").value(contains("sam", "sam", "sam", "cara")))
        .andExpect(jsonPath("$.activity[3].fromState").value("resolved"))
        .andExpect(jsonPath("$.activity[3].toState").value("closed"))
        .andExpect(jsonPath("$.activity[3].at").value(CaseTestSupport.CLOCK.instant().toString()));
  }

  @Test
  void givenAnAdminLoggedInAsTheCustomer_whenCommenting_thenTheStreamRecordsBothIdentities()
      throws Exception {
    String number = api.opened(cara, ACME, "Impersonation case");
    api.comment(CaseTestSupport.impersonated(CARA, "cara", ADA), ACME, number, "on Cara's behalf")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activity[-1].actorId").value(CARA))
        .andExpect(jsonPath("$.activity[-1].impersonatorId").value(ADA));
    api.comment(cara, ACME, number, "myself")
        .andExpect(jsonPath("$.activity[-1].impersonatorId").isEmpty());
  }

  @Test
  void aClosedCaseCanBeReopenedWithinTheWindowOnly() throws Exception {
    String early = api.opened(cara, ACME, "Reopen early");
    String late = api.opened(cara, ACME, "Reopen late");
    for (String n : new String[] {early, late}) {
      api.state(sam, ACME, n, "resolved").andExpect(status().isOk());
      api.post(cara, ACME, n, "resolution/accept", "").andExpect(status().isOk());
    }
    CaseTestSupport.CLOCK.advance(Duration.ofDays(13));
    api.post(cara, ACME, early, "reopen", "{\"reason\":\"came back\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("in_progress"));
    CaseTestSupport.CLOCK.advance(Duration.ofDays(2));
    long version = cases.findByNumber(late).orElseThrow().version();
    api.post(cara, ACME, late, "reopen", "{\"reason\":\"came back\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(containsString("reopen-window-passed")));
    assertThat(cases.findByNumber(late).orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void anAgentArchivesACaseClosedLongEnoughAndItMovesToTheArchivedFilter() throws Exception {
    String number = api.opened(cara, ACME, "To be archived");
    api.post(sam, ACME, number, "archive", "")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(containsString("case-not-archivable")));
    api.state(sam, ACME, number, "closed").andExpect(status().isOk());
    CaseTestSupport.CLOCK.advance(Duration.ofDays(29));
    api.post(sam, ACME, number, "archive", "").andExpect(status().isConflict());
    CaseTestSupport.CLOCK.advance(Duration.ofDays(1));
    api.post(cara, ACME, number, "archive", "").andExpect(status().isForbidden());
    api.post(sam, ACME, number, "archive", "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.archivedAt").value(CaseTestSupport.CLOCK.instant().toString()))
        .andExpect(jsonPath("$.archivedBy").value("sam"));
    api.list(cara, ACME, "?filter=archived")
        .andExpect(jsonPath("$.items[*].number").value(contains(number)));
    api.list(cara, ACME, "?filter=closed")
        .andExpect(
            jsonPath(
                "$.items[*].number",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(number))));
    api.state(sam, ACME, number, "in_progress")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(containsString("case-archived")));
  }

  @Autowired io.peakhub.cases.supportcase.CaseArchiver archiver;

  @Test
  void closedCasesAreArchivedAutomaticallyAfterThePortalsArchiveTimeWithWhoAndWhen()
      throws Exception {
    CaseTestSupport.IDENTITY.settings =
        new io.peakhub.cases.identity.PortalSettings(false, null, null, 10);
    try {
      String old = api.opened(cara, ACME, "Closed long ago");
      api.state(sam, ACME, old, "closed").andExpect(status().isOk());
      CaseTestSupport.CLOCK.advance(Duration.ofDays(9));
      String recent = api.opened(cara, ACME, "Closed recently");
      api.state(sam, ACME, recent, "closed").andExpect(status().isOk());
      String open = api.opened(cara, ACME, "Still open");
      archiver.archiveDue();
      assertThat(cases.findByNumber(old).orElseThrow().archivedAt())
          .as("closed 9 days: not yet")
          .isNull();

      CaseTestSupport.CLOCK.advance(Duration.ofDays(1).plusSeconds(1));
      assertThat(archiver.archiveDue()).isGreaterThanOrEqualTo(1);
      api.detail(sam, ACME, old)
          .andExpect(jsonPath("$.archivedAt").value(CaseTestSupport.CLOCK.instant().toString()))
          .andExpect(jsonPath("$.archivedBy").value("case-service (automatic)"));
      assertThat(cases.findByNumber(recent).orElseThrow().archivedAt()).isNull();
      assertThat(cases.findByNumber(open).orElseThrow().archivedAt()).isNull();
      api.list(cara, ACME, "?filter=archived")
          .andExpect(jsonPath("$.items[*].number", org.hamcrest.Matchers.hasItem(old)));
      api.list(cara, ACME, "?filter=closed")
          .andExpect(
              jsonPath(
                  "$.items[*].number",
                  org.hamcrest.Matchers.allOf(
                      org.hamcrest.Matchers.hasItem(recent),
                      org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(old)))));
      api.list(cara, ACME, "?filter=open")
          .andExpect(
              jsonPath(
                  "$.items[*].number",
                  org.hamcrest.Matchers.allOf(
                      org.hamcrest.Matchers.hasItem(open),
                      org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(recent)))));
    } finally {
      CaseTestSupport.IDENTITY.settings = io.peakhub.cases.identity.PortalSettings.defaults();
    }
  }

  @Test
  void onlyAResolvedCaseCanBeAcceptedOrRejected() throws Exception {
    String number = api.opened(cara, ACME, "Not resolved yet");
    api.post(cara, ACME, number, "resolution/accept", "")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(containsString("invalid-state-transition")));
    api.post(cara, ACME, number, "resolution/reject", "{\"reason\":\"x\"}")
        .andExpect(status().isConflict());
    assertThat(cases.findByNumber(number).orElseThrow().state().wire()).isEqualTo("new");
  }
}
