package io.peakhub.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.IDENTITY;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * The ServiceNow source (portal setting caseSource=servicenow) against WireMock stubs of
 * ServiceNow's Table API: the documented requests (sysparm_query on sn_customerservice_case, POST
 * to create, PATCH of the comments journal field, basic authentication) and answers ({"result":
 * ...}); the read-through cache; and a ServiceNow that is down answering 503 "cases unavailable",
 * never an empty list.
 */
@SpringBootTest(
    properties = {
      "peakhub.cases.servicenow.user=hub-integration",
      "peakhub.cases.servicenow.password=s3cret",
      "peakhub.cases.servicenow.read-timeout=2s"
    })
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class ServiceNowSourceTest {

  static final WireMockServer SN =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  static final UUID ACME = UUID.randomUUID();
  static final String RITA = UUID.randomUUID().toString(); // restricted contact
  static final String ALICE = UUID.randomUUID().toString(); // scope all
  static final String SAM = UUID.randomUUID().toString(); // success agent
  static final String TABLE = "/api/now/table/sn_customerservice_case";

  static {
    SN.start();
    TestAccess.GRANTS
        .grant(RITA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(ALICE, myCases(Level.create, Grant.Scope.all), ACME.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void sources(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
    registry.add("peakhub.cases.servicenow.url", SN::baseUrl);
  }

  @AfterAll
  static void stop() {
    SN.stop();
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  CaseApi api;
  final String alice = bearer(ALICE, "alice", "customer");
  final String rita = bearer(RITA, "rita", "customer");

  @BeforeEach
  void serviceNowIsTheSource() {
    api = new CaseApi(mvc);
    SN.resetAll();
    IDENTITY.caseSource("servicenow");
    CaseTestSupport.CLOCK.advance(Duration.ofMinutes(1)); // past any cached read of an earlier test
  }

  @AfterEach
  void backToBuiltin() {
    IDENTITY.settings = io.peakhub.cases.identity.PortalSettings.defaults();
  }

  static String record(String number, String state, String contact) {
    return """
        {"sys_id":"9d385017c611228701d22104cc95c371","number":"%s","short_description":"VPN drops every hour",
         "description":"Since Monday","state":"%s","priority":"2","account":"%s","contact":"%s","product":"",
         "sys_created_on":"2026-03-01 09:30:00","sys_updated_on":"2026-03-02 10:00:00","resolved_at":"","closed_at":""}"""
        .formatted(number, state, ACME, contact);
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  long storedBefore;

  @BeforeEach
  void countStored() {
    storedBefore = cases.count();
  }

  /** Only the per-account list is read from ServiceNow; the list across accounts is not. */
  @Test
  void theListAcrossAccountsIsNotSupportedByServiceNow() throws Exception {
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/cases")
                .header("Authorization", alice))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type")
                .value(org.hamcrest.Matchers.endsWith("not-supported-by-case-source")));
    SN.verify(
        0,
        com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
            com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
  }

  @Test
  void theListIsReadFromTheCaseTableByAccountWithBasicAuthAndMapped() throws Exception {
    SN.stubFor(
        get(urlPathEqualTo(TABLE))
            .willReturn(json("{\"result\":[" + record("CS0001001", "10", RITA) + "]}")));

    api.list(alice, ACME, "?filter=open")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].number").value("CS0001001"))
        .andExpect(jsonPath("$.items[0].subject").value("VPN drops every hour"))
        .andExpect(jsonPath("$.items[0].state").value("in_progress"))
        .andExpect(jsonPath("$.items[0].priority").value("high"))
        .andExpect(jsonPath("$.items[0].requesterId").value(RITA))
        .andExpect(jsonPath("$.items[0].createdAt").value("2026-03-01T09:30:00Z"));

    SN.verify(
        getRequestedFor(urlPathEqualTo(TABLE))
            .withQueryParam(
                "sysparm_query", equalTo("account=" + ACME + "^active=true^ORDERBYDESCnumber"))
            .withQueryParam("sysparm_limit", equalTo("50"))
            .withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials(
                    "hub-integration", "s3cret")));
    assertThat(cases.count()).as("nothing is stored in the built-in store").isEqualTo(storedBefore);
  }

  @Test
  void aRestrictedContactAsksForTheirOwnCasesAndSearchGoesIntoTheQuery() throws Exception {
    SN.stubFor(get(urlPathEqualTo(TABLE)).willReturn(json("{\"result\":[]}")));
    api.search(rita, ACME, "VPN drops")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());
    SN.verify(
        getRequestedFor(urlPathEqualTo(TABLE))
            .withQueryParam(
                "sysparm_query",
                equalTo(
                    "account="
                        + ACME
                        + "^contact="
                        + RITA
                        + "^short_descriptionLIKEVPN drops^ORDERBYDESCnumber")));
    // the encoded query cannot be extended from the search box
    api.search(rita, ACME, "x^ORDERBYnumber").andExpect(status().isBadRequest());
  }

  @Test
  void theDetailCarriesThePublicCommentsFromTheJournal() throws Exception {
    SN.stubFor(
        get(urlPathEqualTo(TABLE))
            .willReturn(json("{\"result\":[" + record("CS0001002", "18", RITA) + "]}")));
    SN.stubFor(
        get(urlPathEqualTo("/api/now/table/sys_journal_field"))
            .willReturn(
                json(
                    """
        {"result":[{"sys_id":"j1","value":"Could you send the logs?","sys_created_by":"beth.agent",
         "sys_created_on":"2026-03-02 10:00:00"}]}""")));

    api.detail(rita, ACME, "CS0001002")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("awaiting_customer"))
        .andExpect(jsonPath("$.activity[0].kind").value("comment"))
        .andExpect(jsonPath("$.activity[0].text").value("Could you send the logs?"))
        .andExpect(jsonPath("$.activity[0].actorName").value("beth.agent"));
    SN.verify(
        getRequestedFor(urlPathEqualTo("/api/now/table/sys_journal_field"))
            .withQueryParam(
                "sysparm_query",
                equalTo(
                    "element_id=9d385017c611228701d22104cc95c371^element=comments^ORDERBYsys_created_on")));
    // another contact's case is not Rita's to see (restricted scope)
    SN.stubFor(
        get(urlPathEqualTo(TABLE))
            .willReturn(json("{\"result\":[" + record("CS0001003", "1", "someone-else") + "]}")));
    api.detail(rita, ACME, "CS0001003").andExpect(status().isNotFound());
  }

  @Test
  void openingPostsTheDocumentedRecordAndCommentingPatchesTheCommentsField() throws Exception {
    SN.stubFor(
        post(urlPathEqualTo(TABLE))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"result\":" + record("CS0001004", "1", RITA) + "}")));
    api.open(rita, ACME, CaseApi.openCaseBody("VPN drops every hour"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.number").value("CS0001004"))
        .andExpect(jsonPath("$.state").value("new"));
    SN.verify(
        postRequestedFor(urlPathEqualTo(TABLE))
            .withRequestBody(
                equalToJson(
                    """
        {"account":"%s","contact":"%s","short_description":"VPN drops every hour",
         "description":"It breaks\\n\\nSteps: 1, 2, 3","priority":"2","product":"Analytics Pro"}"""
                        .formatted(ACME, RITA))));

    SN.stubFor(
        get(urlPathEqualTo(TABLE))
            .willReturn(json("{\"result\":[" + record("CS0001004", "1", RITA) + "]}")));
    SN.stubFor(
        get(urlPathEqualTo("/api/now/table/sys_journal_field"))
            .willReturn(json("{\"result\":[]}")));
    SN.stubFor(
        patch(urlPathEqualTo(TABLE + "/9d385017c611228701d22104cc95c371"))
            .willReturn(json("{\"result\":" + record("CS0001004", "1", RITA) + "}")));
    api.comment(rita, ACME, "CS0001004", "Still dropping").andExpect(status().isOk());
    SN.verify(
        patchRequestedFor(urlPathEqualTo(TABLE + "/9d385017c611228701d22104cc95c371"))
            .withRequestBody(equalToJson("{\"comments\":\"Still dropping\"}")));
    assertThat(cases.count()).isEqualTo(storedBefore);
  }

  @Test
  void readsGoThroughAShortCacheThatACommentDrops() throws Exception {
    SN.stubFor(
        get(urlPathEqualTo(TABLE))
            .willReturn(json("{\"result\":[" + record("CS0001005", "10", RITA) + "]}")));
    api.list(alice, ACME, "").andExpect(status().isOk());
    api.list(alice, ACME, "").andExpect(status().isOk());
    SN.verify(1, getRequestedFor(urlPathEqualTo(TABLE)));
    CaseTestSupport.CLOCK.advance(Duration.ofSeconds(11));
    api.list(alice, ACME, "").andExpect(status().isOk());
    SN.verify(2, getRequestedFor(urlPathEqualTo(TABLE)));
  }

  @Test
  void aServiceNowThatIsDownIsCasesUnavailableNeverAnEmptyList() throws Exception {
    SN.stubFor(get(urlPathEqualTo(TABLE)).willReturn(aResponse().withStatus(500)));
    api.list(alice, ACME, "")
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Cases unavailable")));

    SN.stubFor(
        get(urlPathEqualTo(TABLE)).willReturn(aResponse().withFixedDelay(3000).withStatus(200)));
    api.detail(alice, ACME, "CS0001006").andExpect(status().isServiceUnavailable());
  }

  @Test
  void whatServiceNowOwnsIsDoneThereAndTheBuiltinStoreIsNotAskedNorChanged() throws Exception {
    api.post(
            bearer(SAM, "sam", "success_agent"),
            ACME,
            "CS0001007",
            "state",
            "{\"state\":\"resolved\"}")
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type")
                .value(org.hamcrest.Matchers.endsWith("not-supported-by-case-source")));
    IDENTITY.settings = io.peakhub.cases.identity.PortalSettings.defaults();
    api.list(alice, ACME, "").andExpect(status().isOk()).andExpect(jsonPath("$.items").isEmpty());
    SN.verify(0, getRequestedFor(urlPathEqualTo(TABLE)));
  }
}
