package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.cases.success.SuccessEventPublisher;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.TestAccess;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Agents working success records: the writes, who may make them, their events, search, lists,
 * knowledge, header fields.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class SuccessWorkTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String SAM = UUID.randomUUID().toString();
  static final String CONNIE = UUID.randomUUID().toString();
  static final String MAX = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();

  static {
    TestAccess.GRANTS
        .grant(CONNIE, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(MAX, myCases(Level.full, Grant.Scope.all), ACME.toString())
        .grant(BOB, myCases(Level.full, Grant.Scope.all), GLOBEX.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SuccessEventPublisher publisher;
  SuccessApi api;
  final String sam = bearer(SAM, "sam", "success_agent");
  final String connie = bearer(CONNIE, "connie", "customer");
  final String max = bearer(MAX, "max", "customer");
  final String bob = bearer(BOB, "bob", "customer");
  final String ada = bearer(UUID.randomUUID().toString(), "ada", "admin");

  @BeforeEach
  void setUp() {
    api = new SuccessApi(mvc);
  }

  private String caseFor(String subject, boolean visible, List<String> contacts) throws Exception {
    return api.created(
        sam, ACME, "cases", SuccessApi.body("cases", null, subject, visible, contacts, null));
  }

  @Test
  void anAgentsChangesAreAnnouncedByTheseEventsInOrderAsAsyncApiDeclaresThem() throws Exception {
    publisher.publishPending();
    CaseTestSupport.KAFKA.sent.clear();
    String number = caseFor("Adoption of dashboards", false, List.of());
    assertThat(number).matches("SCS[0-9]{7}");
    api.send(
            sam,
            "PUT",
            ACME,
            "cases",
            number,
            "",
            """
        {"subject":"Adoption of dashboards and alerts","shortDescription":"Goals for the quarter",\
        "description":"Agreed in the kickoff","product":"Analytics Enterprise","dueDate":"2026-03-12","attendees":["Alice","Sam"]}""")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subject").value("Adoption of dashboards and alerts"));
    api.send(
            sam,
            "PUT",
            ACME,
            "cases",
            number,
            "assignee",
            "{\"assigneeId\":\"" + SAM + "\",\"assigneeName\":\"Sam\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assigneeName").value("Sam"));
    api.send(sam, "POST", ACME, "cases", number, "state", "{\"state\":\"in_progress\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("in_progress"));
    api.send(
            sam,
            "PUT",
            ACME,
            "cases",
            number,
            "visibility",
            "{\"visibleToCustomer\":true,\"contactIds\":[\"" + CONNIE + "\"]}")
        .andExpect(status().isOk());
    String article =
        JsonPath.read(
            mvc.perform(
                    post("/knowledge/articles")
                        .header("Authorization", sam)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                            """
            {"title":"Setting up alerts","body":"Open Settings, then Alerts.","product":"Analytics Pro","published":true}"""))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.id");
    api.send(sam, "POST", ACME, "cases", number, "articles", "{\"articleId\":\"" + article + "\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.articles[0].title").value("Setting up alerts"));
    api.send(sam, "POST", ACME, "cases", number, "internal-notes", "{\"text\":\"renewal risk\"}")
        .andExpect(status().isOk());
    publisher.publishPending();

    List<EventEnvelope> events =
        CaseTestSupport.KAFKA.sent.stream()
            .peek(s -> assertThat(s.topic()).isEqualTo("case.case"))
            .peek(s -> assertThat(s.key()).isEqualTo(ACME.toString()))
            .map(s -> EventJson.read(s.json()))
            .filter(e -> number.equals(e.body().path("number").asString()))
            .toList();
    assertThat(events)
        .extracting(EventEnvelope::type)
        .containsExactly(
            "SuccessRecordCreated.v1",
            "SuccessRecordUpdated.v1",
            "SuccessRecordAssigned.v1",
            "SuccessRecordStateChanged.v1",
            "SuccessRecordVisibilityChanged.v1",
            "KnowledgeArticleShared.v1");
    assertThat(events.get(1).body().path("fields").toString())
        .isEqualTo("[\"subject\",\"product\"]");
    assertThat(CaseTestSupport.KAFKA.sent).noneMatch(s -> s.json().contains("renewal risk"));
    events.forEach(CaseEventsTest::matchesAsyncApi);
    assertThat(publisher.publishPending()).isZero();
  }

  @Test
  void customersAndAnotherAccountsAgentPathCannotWrite() throws Exception {
    String number = caseFor("Onboarding plan", true, List.of(CONNIE));
    String body = SuccessApi.body("cases", null, "Mine now", true, List.of(), null);
    api.create(connie, ACME, "cases", body).andExpect(status().isForbidden());
    api.create(max, ACME, "cases", body)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    api.send(
            connie,
            "PUT",
            ACME,
            "cases",
            number,
            "visibility",
            "{\"visibleToCustomer\":true,\"contactIds\":[]}")
        .andExpect(status().isForbidden());
    api.send(max, "POST", ACME, "cases", number, "state", "{\"state\":\"closed\"}")
        .andExpect(status().isForbidden());
    api.send(connie, "POST", ACME, "cases", number, "internal-notes", "{\"text\":\"x\"}")
        .andExpect(status().isForbidden());
    // Acme's record under Globex's path: not found, for Bob and for an agent who sees every account
    api.send(sam, "POST", GLOBEX, "cases", number, "state", "{\"state\":\"closed\"}")
        .andExpect(status().isNotFound());
    api.send(
            sam,
            "PUT",
            GLOBEX,
            "cases",
            number,
            "assignee",
            "{\"assigneeId\":\"x\",\"assigneeName\":\"X\"}")
        .andExpect(status().isNotFound());
    api.detail(bob, GLOBEX, "cases", number).andExpect(status().isNotFound());
    // a success case number under the initiatives path is not that record
    api.detail(sam, ACME, "initiatives", number).andExpect(status().isNotFound());
    api.detail(connie, ACME, "cases", number)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("new"))
        .andExpect(jsonPath("$.contactIds", empty()));
    // a customer may comment on what she sees
    api.send(connie, "POST", ACME, "cases", number, "comments", "{\"text\":\"See you Monday\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activity[-1].text").value("See you Monday"));
  }

  @Test
  void internalNotesAreNeverShownToNorFoundByACustomer() throws Exception {
    String number = caseFor("Executive sponsor review", true, List.of(CONNIE));
    api.send(
            sam,
            "POST",
            ACME,
            "cases",
            number,
            "internal-notes",
            "{\"text\":\"churnrisk budget cut\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activity[-1].kind").value("internal_note"));
    api.detail(connie, ACME, "cases", number)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.activity", empty()));
    api.search(connie, ACME, "churnrisk")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(connie, ACME, "executive spons")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.groups[?(@.source == 'cases')].items[*].number", contains(number)));
  }

  @Test
  void searchIsCaseInsensitiveByNumberAndWordPrefixesAndGroupsBySource() throws Exception {
    String initiative =
        api.created(
            sam,
            ACME,
            "initiatives",
            SuccessApi.body("initiatives", null, "Zanzibar rollout", true, List.of(), null));
    String number =
        api.created(
            sam,
            ACME,
            "cases",
            SuccessApi.body("cases", initiative, "Zanzibar Dashboards", true, List.of(), null));
    String task =
        api.created(
            sam,
            ACME,
            "tasks",
            SuccessApi.body("tasks", number, "Zanzibar training", true, List.of(), null));
    String touchpoint =
        api.created(
            sam,
            ACME,
            "touchpoints",
            SuccessApi.body("touchpoints", number, "Zanzibar kickoff call", true, List.of(), null));
    String found =
        api.search(max, ACME, "zanz")
            .andExpect(status().isOk())
            .andExpect(
                jsonPath(
                    "$.groups[*].source",
                    contains("cases", "tasks", "initiatives", "touchpoints", "support-cases")))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat((List<String>) JsonPath.read(found, "$.groups[*].items[*].number"))
        .containsExactlyInAnyOrder(initiative, number, task, touchpoint);
    api.search(max, ACME, number.toLowerCase())
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.search(max, ACME, "DASH zanzibar")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.search(max, ACME, "zanzibar nothere").andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(max, ACME, "{\"$ne\":1}").andExpect(status().isBadRequest());
    api.detail(max, ACME, "cases", number)
        .andExpect(jsonPath("$.children[*].number", contains(task, touchpoint)))
        .andExpect(
            jsonPath(
                "$.headerFields",
                contains("number", "state", "account", "subject", "dueDate", "daysRemaining")))
        .andExpect(jsonPath("$.daysRemaining").value(10));
  }

  @Test
  void theSearchsSupportCasesGroupShowsWhatTheCaseListShowsAndNoMore() throws Exception {
    // Rita, a restricted contact of Acme like Connie, raises a support case
    String rita = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(rita, myCases(Level.create, Grant.Scope.restricted), ACME.toString());
    String ritas = new CaseApi(mvc).opened(bearer(rita, "rita", "customer"), ACME, "Quokka export");
    String supportCases = "$.groups[?(@.source == 'support-cases')].items[*].number";

    api.search(bearer(rita, "rita", "customer"), ACME, "quokka")
        .andExpect(status().isOk())
        .andExpect(jsonPath(supportCases, contains(ritas)));
    api.search(max, ACME, "quokka").andExpect(jsonPath(supportCases, contains(ritas)));
    api.search(sam, ACME, "QUOKKA").andExpect(jsonPath(supportCases, contains(ritas)));
    // Connie's list leaves out her colleague's case, and so does her search, by words or number
    new CaseApi(mvc)
        .list(connie, ACME, "")
        .andExpect(
            jsonPath(
                "$.items[*].number",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(ritas))));
    api.search(connie, ACME, "quokka").andExpect(jsonPath(supportCases, empty()));
    api.search(connie, ACME, ritas).andExpect(jsonPath(supportCases, empty()));
    // and another account's customer finds nothing of Acme's
    api.search(bob, ACME, "quokka").andExpect(status().isNotFound());
  }

  @Test
  void listsSortFilterByStateAndPage() throws Exception {
    UUID account = UUID.randomUUID();
    String nina = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        nina, myCases(Level.create, Grant.Scope.restricted), account.toString());
    List<String> numbers = new java.util.ArrayList<>();
    for (String subject : List.of("Charlie", "Alpha", "Bravo")) {
      numbers.add(
          api.created(
              sam,
              account,
              "cases",
              SuccessApi.body("cases", null, subject, true, List.of(), null)));
    }
    api.send(sam, "POST", account, "cases", numbers.get(1), "state", "{\"state\":\"closed\"}")
        .andExpect(status().isOk());
    api.list(sam, account, "cases", "?limit=2")
        .andExpect(jsonPath("$.items[*].number", contains(numbers.get(2), numbers.get(1))))
        .andExpect(jsonPath("$.more").value(true));
    api.list(sam, account, "cases", "?limit=2&offset=2")
        .andExpect(jsonPath("$.items[*].number", contains(numbers.get(0))))
        .andExpect(jsonPath("$.more").value(false));
    api.list(sam, account, "cases", "?sort=subject&direction=asc")
        .andExpect(jsonPath("$.items[*].subject", contains("Alpha", "Bravo", "Charlie")));
    api.list(sam, account, "cases", "?state=closed")
        .andExpect(jsonPath("$.items[*].number", contains(numbers.get(1))))
        .andExpect(jsonPath("$.items[0].daysRemaining").doesNotExist());
    api.list(sam, account, "cases", "?state=planned").andExpect(status().isBadRequest());
    api.list(sam, account, "cases", "?offset=20000").andExpect(status().isBadRequest());
    api.list(bearer(nina, "nina", "customer"), account, "cases", "")
        .andExpect(jsonPath("$.items", hasSize(0)));
  }

  @Test
  void customersReadOnlySharedPublishedArticlesAndAgentsOwnTheKnowledgeBase() throws Exception {
    String number = caseFor("Alerting", true, List.of(CONNIE));
    String draft =
        JsonPath.read(
            mvc.perform(
                    post("/knowledge/articles")
                        .header("Authorization", sam)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Draft\",\"body\":\"wip\",\"published\":false}"))
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.id");
    String published =
        JsonPath.read(
            mvc.perform(
                    post("/knowledge/articles")
                        .header("Authorization", sam)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Done\",\"body\":\"Read me\",\"published\":true}"))
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.id");
    String unshared =
        JsonPath.read(
            mvc.perform(
                    post("/knowledge/articles")
                        .header("Authorization", sam)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Other\",\"body\":\"x\",\"published\":true}"))
                .andReturn()
                .getResponse()
                .getContentAsString(),
            "$.id");
    for (String id : List.of(draft, published)) {
      api.send(sam, "POST", ACME, "cases", number, "articles", "{\"articleId\":\"" + id + "\"}")
          .andExpect(status().isOk());
    }
    api.detail(connie, ACME, "cases", number)
        .andExpect(jsonPath("$.articles[*].title", contains("Done")));
    api.detail(sam, ACME, "cases", number).andExpect(jsonPath("$.articles", hasSize(2)));
    String base = "/accounts/" + ACME + "/success/cases/" + number + "/articles/";
    mvc.perform(get(base + published).header("Authorization", connie))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.body").value("Read me"));
    mvc.perform(get(base + draft).header("Authorization", connie)).andExpect(status().isNotFound());
    mvc.perform(get(base + unshared).header("Authorization", connie))
        .andExpect(status().isNotFound());
    // another account's customer does not read Acme's shared article through Acme's record
    mvc.perform(get(base + published).header("Authorization", bob))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(get("/knowledge/articles").header("Authorization", connie))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/knowledge/articles")
                .header("Authorization", max)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"T\",\"body\":\"B\"}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void anAdminConfiguresTheHeaderFieldsAndNobodyElseCan() throws Exception {
    String body = "{\"fields\":[\"number\",\"subject\",\"product\"]}";
    mvc.perform(
            put("/admin/success/header-fields")
                .header("Authorization", sam)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/admin/success/header-fields")
                .header("Authorization", ada)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fields\":[\"password\"]}"))
        .andExpect(status().isBadRequest());
    try {
      mvc.perform(
              put("/admin/success/header-fields")
                  .header("Authorization", ada)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(body))
          .andExpect(status().isOk());
      String number = caseFor("Header check", true, List.of());
      api.detail(max, ACME, "cases", number)
          .andExpect(jsonPath("$.headerFields", contains("number", "subject", "product")));
    } finally {
      mvc.perform(
              put("/admin/success/header-fields")
                  .header("Authorization", ada)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      "{\"fields\":[\"number\",\"state\",\"account\",\"subject\",\"dueDate\",\"daysRemaining\"]}"))
          .andExpect(status().isOk());
    }
  }

  @Test
  void tasksBelongToASuccessCaseOfTheSameAccount() throws Exception {
    String initiative =
        api.created(
            sam,
            ACME,
            "initiatives",
            SuccessApi.body("initiatives", null, "Goal", true, List.of(), null));
    api.create(sam, ACME, "tasks", SuccessApi.body("tasks", null, "Orphan", true, List.of(), null))
        .andExpect(status().isBadRequest());
    api.create(
            sam,
            ACME,
            "tasks",
            SuccessApi.body("tasks", initiative, "Wrong parent", true, List.of(), null))
        .andExpect(status().isBadRequest());
    api.create(
            sam,
            GLOBEX,
            "tasks",
            SuccessApi.body(
                "tasks", caseFor("Acme's", true, List.of()), "Cross", true, List.of(), null))
        .andExpect(status().isNotFound());
    String task =
        api.created(
            sam,
            ACME,
            "tasks",
            SuccessApi.body(
                "tasks",
                caseFor("Parent", true, List.of()),
                "Train the team",
                true,
                List.of(),
                null));
    assertThat(task).matches("STASK[0-9]{7}");
  }
}
