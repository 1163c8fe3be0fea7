package io.peakhub.bff.success;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.peakhub.bff.BillingStub;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Customer success (issue 12) against a stand-in case-service (WireMock): pass-through, who may
 * call what, outage.
 */
@ServiceTest
class SuccessTest {

  @DynamicPropertySource
  static void cases(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.cases.url", BillingStub::url);
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  static final String NUMBER = "SCS0001234";
  static final String RECORD =
      "{\"number\":\""
          + NUMBER
          + "\",\"kind\":\"success_case\",\"subject\":\"Adoption\","
          + "\"state\":\"new\",\"activity\":[]}";

  @Autowired MockMvc mvc;

  final String connie = UUID.randomUUID().toString();
  final String bob = UUID.randomUUID().toString();
  final String sam = UUID.randomUUID().toString();
  final String connieToken = "Bearer " + TestJwts.token(connie, "connie", "customer");
  final String bobToken = "Bearer " + TestJwts.token(bob, "bob", "customer");
  final String samToken = "Bearer " + TestJwts.token(sam, "sam", "success_agent");
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(
        connie, Map.of(Area.my_cases, new Grant(Level.full, Grant.Scope.all)), acme.toString());
    TestAccess.GRANTS.grant(bob, globex.toString());
    TestAccess.GRANTS.grantAll(sam);
  }

  @Test
  void aListPassesThroughWithTheUsersTokenAndSaysWhatTheProfileAllows() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/success/cases"))
                .willReturn(
                    json(
                        "{\"items\":[{\"number\":\""
                            + NUMBER
                            + "\"}],\"offset\":0,\"limit\":25,\"more\":false}")));
    mvc.perform(
            get("/api/accounts/" + acme + "/success/cases?list=my&state=new")
                .header("Authorization", connieToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.records.status").value("ok"))
        .andExpect(jsonPath("$.records.data.items[0].number").value(NUMBER))
        .andExpect(jsonPath("$.permissions.work").value(false));
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/accounts/" + acme + "/success/cases"))
                .withQueryParam("list", equalTo("my"))
                .withQueryParam("state", equalTo("new"))
                .withQueryParam("limit", equalTo("25"))
                .withHeader("Authorization", equalTo(connieToken)));
    mvc.perform(get("/api/accounts/" + acme + "/success/cases").header("Authorization", samToken))
        .andExpect(jsonPath("$.permissions.work").value(true));
  }

  @Test
  void anotherAccountIsRefusedBeforeCaseServiceIsAsked() throws Exception {
    mvc.perform(get("/api/accounts/" + acme + "/success/cases").header("Authorization", bobToken))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/api/accounts/" + acme + "/success/cases/" + NUMBER)
                .header("Authorization", bobToken))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/api/accounts/" + acme + "/success-search?q=adoption")
                .header("Authorization", bobToken))
        .andExpect(status().isNotFound());
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void onlyAgentsCreateAndChangeRecordsAndTheirRequestsPassThrough() throws Exception {
    String body =
        "{\"subject\":\"Adoption\",\"visibleToCustomer\":true,\"contactIds\":[\"" + connie + "\"]}";
    mvc.perform(
            post("/api/accounts/" + acme + "/success/cases")
                .header("Authorization", connieToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/accounts/" + acme + "/success/cases/" + NUMBER + "/visibility")
                .header("Authorization", connieToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"visibleToCustomer\":false,\"contactIds\":[]}"))
        .andExpect(status().isForbidden());
    assertThat(BillingStub.requests()).isEmpty();

    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/success/cases"))
                .willReturn(json(RECORD).withStatus(201)));
    mvc.perform(
            post("/api/accounts/" + acme + "/success/cases")
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isCreated())
        .andExpect(
            header().string("Location", "/api/accounts/" + acme + "/success/cases/" + NUMBER));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/success/cases"))
                .withHeader("Authorization", equalTo(samToken))
                .withRequestBody(equalToJson(body, true, true)));

    BillingStub.server()
        .stubFor(
            WireMock.put(
                    urlPathEqualTo(
                        "/accounts/" + acme + "/success/cases/" + NUMBER + "/visibility"))
                .willReturn(json(RECORD)));
    mvc.perform(
            put("/api/accounts/" + acme + "/success/cases/" + NUMBER + "/visibility")
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"visibleToCustomer\":false,\"contactIds\":[]}"))
        .andExpect(status().isOk());
    BillingStub.server()
        .verify(
            putRequestedFor(
                    urlPathEqualTo(
                        "/accounts/" + acme + "/success/cases/" + NUMBER + "/visibility"))
                .withRequestBody(equalToJson("{\"visibleToCustomer\":false,\"contactIds\":[]}")));
  }

  @Test
  void searchAndDetailPassThroughAndCaseServiceRefusalsPassOn() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/success-search"))
                .willReturn(
                    json(
                        "{\"q\":\"adop\",\"groups\":[{\"source\":\"cases\",\"items\":[{\"number\":\""
                            + NUMBER
                            + "\"}]}]}")));
    mvc.perform(
            get("/api/accounts/" + acme + "/success-search?q=adop")
                .header("Authorization", connieToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.groups[0].items[0].number").value(NUMBER));
    mvc.perform(
            get("/api/accounts/" + acme + "/success-search")
                .param("q", "{\"$ne\":1}")
                .header("Authorization", connieToken))
        .andExpect(status().isBadRequest());
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/success/cases/SCS0009999"))
                .willReturn(problem(404, "not-found", "No such record.")));
    mvc.perform(
            get("/api/accounts/" + acme + "/success/cases/SCS0009999")
                .header("Authorization", connieToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/success/cases/" + NUMBER))
                .willReturn(json(RECORD)));
    mvc.perform(
            get("/api/accounts/" + acme + "/success/cases/" + NUMBER)
                .header("Authorization", connieToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.detail.subject").value("Adoption"))
        .andExpect(jsonPath("$.permissions.comment").value(true));
  }

  @Test
  void aCaseServiceOutageShowsTheListUnavailable() throws Exception {
    BillingStub.server().stubFor(WireMock.get(anyUrl()).willReturn(aResponse().withStatus(503)));
    mvc.perform(
            get("/api/accounts/" + acme + "/success/initiatives")
                .header("Authorization", connieToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.records.status").value("unavailable"))
        .andExpect(
            jsonPath("$.records.detail")
                .value(org.hamcrest.Matchers.containsString("case-service")));
  }

  @Test
  void onlyAnAdminReadsAndSetsTheHeaderFields() throws Exception {
    String adaToken = "Bearer " + TestJwts.token(UUID.randomUUID().toString(), "ada", "admin");
    mvc.perform(
            put("/api/success/header-fields")
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fields\":[\"number\"]}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/success/header-fields")
                .header("Authorization", adaToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fields\":[\"secret\"]}"))
        .andExpect(status().isBadRequest());
    assertThat(BillingStub.requests()).isEmpty();
    BillingStub.server()
        .stubFor(
            WireMock.put(urlPathEqualTo("/admin/success/header-fields"))
                .willReturn(json("{\"fields\":[\"number\",\"subject\"]}")));
    mvc.perform(
            put("/api/success/header-fields")
                .header("Authorization", adaToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"fields\":[\"number\",\"subject\"]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fields[1]").value("subject"));
  }

  @Test
  void aFileIsAttachedByWhoeverMayCommentAndPassesOnAsMultipart() throws Exception {
    String path = "/accounts/" + acme + "/success/cases/" + NUMBER + "/attachments";
    MockMultipartFile file =
        new MockMultipartFile("file", "plan.txt", "text/plain", "the plan".getBytes());
    String vera = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        vera, Map.of(Area.my_cases, new Grant(Level.view, Grant.Scope.all)), acme.toString());
    mvc.perform(
            multipart("/api" + path)
                .file(file)
                .header("Authorization", "Bearer " + TestJwts.token(vera, "vera", "customer")))
        .andExpect(status().isForbidden());
    mvc.perform(multipart("/api" + path).file(file).header("Authorization", bobToken))
        .andExpect(status().isNotFound());
    mvc.perform(
            multipart("/api" + path)
                .file(new MockMultipartFile("file", "empty.txt", "text/plain", new byte[0]))
                .header("Authorization", samToken))
        .andExpect(status().isBadRequest());
    assertThat(BillingStub.requests()).isEmpty();
    BillingStub.server()
        .stubFor(WireMock.post(urlPathEqualTo(path)).willReturn(json(RECORD).withStatus(201)));
    mvc.perform(multipart("/api" + path).file(file).header("Authorization", samToken))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.number").value(NUMBER));
    mvc.perform(multipart("/api" + path).file(file).header("Authorization", connieToken))
        .andExpect(status().isCreated());
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(path))
                .withHeader("Authorization", equalTo(samToken))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("the plan")));
  }

  @Test
  void onlyAgentsReadAndEditAKnowledgeArticle() throws Exception {
    String article =
        "{\"title\":\"Onboarding\",\"body\":\"Step one\",\"product\":\"Peak\",\"published\":true}";
    mvc.perform(get("/api/knowledge/articles/k1").header("Authorization", connieToken))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/knowledge/articles/k1")
                .header("Authorization", connieToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(article))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/knowledge/articles/k1")
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"title\":\"\",\"body\":\"x\"}"))
        .andExpect(status().isBadRequest());
    assertThat(BillingStub.requests()).isEmpty();
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/knowledge/articles/k1"))
                .willReturn(json("{\"id\":\"k1\",\"title\":\"Onboarding\"}")));
    BillingStub.server()
        .stubFor(
            WireMock.put(urlPathEqualTo("/knowledge/articles/k1"))
                .willReturn(json("{\"id\":\"k1\",\"title\":\"Onboarding\",\"published\":true}")));
    mvc.perform(get("/api/knowledge/articles/k1").header("Authorization", samToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.title").value("Onboarding"));
    mvc.perform(
            put("/api/knowledge/articles/k1")
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(article))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.published").value(true));
    BillingStub.server()
        .verify(
            putRequestedFor(urlPathEqualTo("/knowledge/articles/k1"))
                .withHeader("Authorization", equalTo(samToken))
                .withRequestBody(equalToJson(article)));
  }
}
