package io.peakhub.bff.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.peakhub.bff.BillingStub;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * My Cases (issue 11) against a stand-in case-service (WireMock): screens, pass-through, access,
 * outage.
 */
@ServiceTest
class MyCasesTest {

  @DynamicPropertySource
  static void cases(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.cases.url", BillingStub::url);
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  static final String NUMBER = "CS0001234";

  @Autowired MockMvc mvc;

  final String alice = UUID.randomUUID().toString();
  final String bob = UUID.randomUUID().toString();
  final String sam = UUID.randomUUID().toString();
  final String reader = UUID.randomUUID().toString();
  final String aliceToken = "Bearer " + TestJwts.token(alice, "alice", "customer");
  final String bobToken = "Bearer " + TestJwts.token(bob, "bob", "customer");
  final String samToken = "Bearer " + TestJwts.token(sam, "sam", "success_agent");
  final String readerToken = "Bearer " + TestJwts.token(reader, "reader", "customer");
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(
        alice,
        Map.of(Area.my_cases, new Grant(Level.create, Grant.Scope.restricted)),
        acme.toString());
    TestAccess.GRANTS.grant(bob, globex.toString());
    TestAccess.GRANTS.grantAll(sam);
    TestAccess.GRANTS.grant(
        reader, Map.of(Area.my_cases, new Grant(Level.view, Grant.Scope.all)), acme.toString());
  }

  static String caseJson(UUID account, String number, String state) {
    return "{\"number\":\""
        + number
        + "\",\"accountId\":\""
        + account
        + "\",\"requesterId\":\"u1\","
        + "\"requesterName\":\"Alice\",\"subject\":\"Printer on fire\",\"shortDescription\":\"smoke\","
        + "\"priority\":\"high\",\"state\":\""
        + state
        + "\",\"dueDate\":\"2026-12-05\",\"daysRemaining\":3,"
        + "\"createdAt\":\"2026-12-01T10:00:00Z\",\"updatedAt\":\"2026-12-01T11:00:00Z\",\"someNewField\":1,"
        + "\"activity\":[{\"id\":\"a1\",\"kind\":\"attachment\",\"fileName\":\"log.txt\",\"attachmentId\":\""
        + UUID.randomUUID()
        + "\",\"actorId\":\"u1\",\"actorName\":\"Alice\",\"at\":\"2026-12-01T10:30:00Z\"}]}";
  }

  private void caseGet(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    BillingStub.server().stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(answer));
  }

  @Test
  void theListIsOneCallWithTheCasesAndWhatTheProfileAllows() throws Exception {
    caseGet(
        "/accounts/" + acme + "/cases",
        json(
            "{\"items\":[{\"number\":\""
                + NUMBER
                + "\",\"subject\":\"Printer\","
                + "\"priority\":\"high\",\"state\":\"in_progress\",\"updatedAt\":\"2026-12-01T11:00:00Z\",\"x\":1}],"
                + "\"next\":\"CS0001200\"}"));
    mvc.perform(
            get("/api/accounts/" + acme + "/cases?q=Printer&filter=open")
                .header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cases.status").value("ok"))
        .andExpect(jsonPath("$.cases.data.items[0].number").value(NUMBER))
        .andExpect(jsonPath("$.cases.data.items[0].state").value("in_progress"))
        .andExpect(jsonPath("$.cases.data.items[0].x").doesNotExist())
        .andExpect(jsonPath("$.cases.data.next").value("CS0001200"))
        .andExpect(jsonPath("$.permissions.open").value(true))
        .andExpect(jsonPath("$.permissions.changeState").value(false))
        .andExpect(jsonPath("$.permissions.internalNote").value(false));
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/accounts/" + acme + "/cases"))
                .withQueryParam("q", equalTo("Printer"))
                .withQueryParam("filter", equalTo("open"))
                .withQueryParam("limit", equalTo("25"))
                .withHeader("Authorization", equalTo(aliceToken)));

    mvc.perform(get("/api/accounts/" + acme + "/cases").header("Authorization", samToken))
        .andExpect(jsonPath("$.permissions.changeState").value(true))
        .andExpect(jsonPath("$.permissions.internalNote").value(true));
    mvc.perform(get("/api/accounts/" + acme + "/cases").header("Authorization", readerToken))
        .andExpect(jsonPath("$.permissions.open").value(false))
        .andExpect(jsonPath("$.permissions.comment").value(false));
  }

  @ParameterizedTest
  @CsvSource({"503", "fault"})
  void aCaseServiceOutageShowsUnavailableNeverAnEmptyList(String how) throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(anyUrl())
                .willReturn(
                    how.equals("fault")
                        ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                        : aResponse().withStatus(503)));
    mvc.perform(get("/api/accounts/" + acme + "/cases").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cases.status").value("unavailable"))
        .andExpect(jsonPath("$.cases.data").doesNotExist())
        .andExpect(
            jsonPath("$.cases.detail").value(org.hamcrest.Matchers.containsString("case-service")))
        .andExpect(jsonPath("$.permissions.open").value(true));
    mvc.perform(
            get("/api/accounts/" + acme + "/cases/" + NUMBER).header("Authorization", aliceToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"));
  }

  @Test
  void theDetailCarriesTheStreamAndPermissions() throws Exception {
    caseGet("/accounts/" + acme + "/cases/" + NUMBER, json(caseJson(acme, NUMBER, "resolved")));
    mvc.perform(
            get("/api/accounts/" + acme + "/cases/" + NUMBER).header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.detail.number").value(NUMBER))
        .andExpect(jsonPath("$.detail.state").value("resolved"))
        .andExpect(jsonPath("$.detail.activity[0].kind").value("attachment"))
        .andExpect(jsonPath("$.detail.activity[0].attachmentId").isNotEmpty())
        .andExpect(jsonPath("$.detail.someNewField").doesNotExist())
        .andExpect(jsonPath("$.permissions.respond").value(true));
  }

  @Test
  void openingAndCommentingPassThroughWithTheUsersToken() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/cases"))
                .willReturn(json(caseJson(acme, NUMBER, "new")).withStatus(201)));
    mvc.perform(
            post("/api/accounts/" + acme + "/cases")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"subject\":\"Printer on fire\",\"shortDescription\":\"smoke\",\"priority\":\"high\"}"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/accounts/" + acme + "/cases/" + NUMBER))
        .andExpect(jsonPath("$.number").value(NUMBER));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/cases"))
                .withHeader("Authorization", equalTo(aliceToken))
                .withRequestBody(
                    equalToJson(
                        "{\"subject\":\"Printer on fire\",\"shortDescription\":\"smoke\",\"priority\":\"high\"}",
                        true,
                        true)));

    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/cases/" + NUMBER + "/comments"))
                .willReturn(json(caseJson(acme, NUMBER, "new"))));
    mvc.perform(
            post("/api/accounts/" + acme + "/cases/" + NUMBER + "/comments")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Still smoking\"}"))
        .andExpect(status().isOk());
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/cases/" + NUMBER + "/comments"))
                .withRequestBody(equalToJson("{\"text\":\"Still smoking\"}")));
  }

  @Test
  void onBehalfOfAndAnAgentsAccountChangePassThrough() throws Exception {
    String erin = UUID.randomUUID().toString();
    String erinToken = "Bearer " + TestJwts.token(erin, "erin", "account_executive");
    TestAccess.GRANTS.grant(
        erin, Map.of(Area.my_cases, new Grant(Level.full, Grant.Scope.all)), acme.toString());
    caseGet(
        "/accounts/" + acme + "/cases/on-behalf-of",
        json("{\"allowed\":true,\"contacts\":[{\"id\":\"u1\",\"name\":\"Alice\"}]}"));
    mvc.perform(
            get("/api/accounts/" + acme + "/cases/on-behalf-of").header("Authorization", erinToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.allowed").value(true))
        .andExpect(jsonPath("$.contacts[0].name").value("Alice"));
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/cases"))
                .willReturn(json(caseJson(acme, NUMBER, "new")).withStatus(201)));
    mvc.perform(
            post("/api/accounts/" + acme + "/cases")
                .header("Authorization", erinToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"subject\":\"S\",\"shortDescription\":\"D\",\"priority\":\"low\",\"onBehalfOf\":\"u1\"}"))
        .andExpect(status().isCreated());
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/cases"))
                .withRequestBody(equalToJson("{\"onBehalfOf\":\"u1\"}", true, true)));

    String path = "/accounts/" + acme + "/cases/" + NUMBER + "/account";
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo(path)).willReturn(json(caseJson(globex, NUMBER, "new"))));
    mvc.perform(
            post("/api" + path)
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountId\":\"" + globex + "\",\"reason\":\"wrong account\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountId").value(globex.toString()));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(
                    equalToJson(
                        "{\"accountId\":\"" + globex + "\",\"reason\":\"wrong account\"}")));
    mvc.perform(
            post("/api" + path)
                .header("Authorization", samToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountId\":\"" + globex + "\"}"))
        .andExpect(status().isBadRequest());

    String archive = "/accounts/" + acme + "/cases/" + NUMBER + "/archive";
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo(archive))
                .willReturn(json(caseJson(acme, NUMBER, "closed"))));
    mvc.perform(post("/api" + archive).header("Authorization", samToken))
        .andExpect(status().isOk());
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(archive))
                .withHeader("Authorization", equalTo(samToken)));
  }

  @Test
  void caseServiceRefusalsPassOnUnchanged() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.post(
                    urlPathEqualTo("/accounts/" + acme + "/cases/" + NUMBER + "/resolution/accept"))
                .willReturn(problem(409, "invalid-state-transition", "Not resolved.")));
    mvc.perform(
            post("/api/accounts/" + acme + "/cases/" + NUMBER + "/resolution/accept")
                .header("Authorization", aliceToken))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type").value("https://peakhub.io/problems/invalid-state-transition"));
    caseGet("/accounts/" + acme + "/cases/CS0009999", problem(404, "not-found", "No such case."));
    mvc.perform(
            get("/api/accounts/" + acme + "/cases/CS0009999").header("Authorization", aliceToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
  }

  @Test
  void anAttachmentGoesUpAsMultipartAndComesDownAsADownload() throws Exception {
    String path = "/accounts/" + acme + "/cases/" + NUMBER + "/attachments";
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo(path))
                .willReturn(json(caseJson(acme, NUMBER, "new")).withStatus(201)));
    mvc.perform(
            multipart("/api" + path)
                .file(
                    new MockMultipartFile(
                        "file",
                        "log.txt",
                        "text/plain",
                        "hello world".getBytes(StandardCharsets.UTF_8)))
                .header("Authorization", aliceToken))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.activity[0].fileName").value("log.txt"));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo(path))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBody(containing("hello world"))
                .withRequestBody(containing("filename=\"log.txt\"")));

    UUID attachment = UUID.randomUUID();
    caseGet(
        path + "/" + attachment,
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/pdf")
            .withHeader("Content-Disposition", "attachment; filename=\"report.pdf\"")
            .withBody("%PDF-1.4 x"));
    mvc.perform(get("/api" + path + "/" + attachment).header("Authorization", readerToken))
        .andExpect(status().isOk())
        .andExpect(content().contentType("application/pdf"))
        .andExpect(header().string("Content-Disposition", containsString("attachment")))
        .andExpect(header().string("Content-Disposition", containsString("report.pdf")))
        .andExpect(header().string("X-Content-Type-Options", "nosniff"))
        .andExpect(header().string("Content-Security-Policy", "sandbox"))
        .andExpect(header().string("Cache-Control", "no-store, private"))
        .andExpect(content().string("%PDF-1.4 x"));
  }

  private static org.hamcrest.Matcher<String> containsString(String s) {
    return org.hamcrest.Matchers.containsString(s);
  }

  /**
   * Every endpoint taking an id: Bob asks under Alice's account and is refused before case-service
   * is asked.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/cases",
        "GET|/cases/" + NUMBER,
        "POST|/cases",
        "POST|/cases/" + NUMBER + "/comments",
        "POST|/cases/" + NUMBER + "/internal-notes",
        "POST|/cases/" + NUMBER + "/state",
        "POST|/cases/" + NUMBER + "/resolution/accept",
        "POST|/cases/" + NUMBER + "/resolution/reject",
        "POST|/cases/" + NUMBER + "/reopen",
        "UPLOAD|/cases/" + NUMBER + "/attachments",
        "GET|/cases/" + NUMBER + "/attachments/{id}",
        "GET|/cases/on-behalf-of",
        "POST|/cases/" + NUMBER + "/account",
        "POST|/cases/" + NUMBER + "/archive"
      })
  void anotherCustomerIsRefusedWith404AndCaseServiceIsNotAsked(String method, String path)
      throws Exception {
    mvc.perform(
            request(method, "/api/accounts/" + acme + path, validBody(path))
                .header("Authorization", bobToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  /** A view-only profile reads but changes nothing; a customer never does an agent's part. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "reader|POST|/cases",
        "reader|POST|/cases/" + NUMBER + "/comments",
        "reader|POST|/cases/" + NUMBER + "/resolution/accept",
        "reader|POST|/cases/" + NUMBER + "/resolution/reject",
        "reader|POST|/cases/" + NUMBER + "/reopen",
        "reader|UPLOAD|/cases/" + NUMBER + "/attachments",
        "reader|POST|/cases/" + NUMBER + "/state",
        "reader|POST|/cases/" + NUMBER + "/internal-notes",
        "alice|POST|/cases/" + NUMBER + "/state",
        "alice|POST|/cases/" + NUMBER + "/internal-notes",
        "alice|POST|/cases/" + NUMBER + "/account",
        "reader|GET|/cases/on-behalf-of",
        "alice|POST|/cases/" + NUMBER + "/archive"
      })
  void writesBeyondTheProfileAre403(String who, String method, String path) throws Exception {
    String token = who.equals("reader") ? readerToken : aliceToken;
    mvc.perform(
            request(method, "/api/accounts/" + acme + path, validBody(path))
                .header("Authorization", token))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/cases?limit=0|limit",
        "GET|/cases?limit=101|limit",
        "GET|/cases?filter=mine|filter",
        "GET|/cases?after=42|after",
        "GET|/cases?q=%24where%7B%7D|q",
        "GET|/cases/not-a-number|number",
        "GET|/cases/CS0001234/attachments/not-a-uuid|attachmentId",
        "POST|/cases|subject",
        "POST|/cases/CS0001234/comments|text",
        "POST|/cases/CS0001234/reopen|reason",
        "POST|/cases/CS0001234/resolution/reject|reason",
        "POST|/cases/CS0001234/state|state",
        "POST|/cases/CS0001234/internal-notes|text"
      })
  void badInputIs400ProblemNamingTheField(String method, String path, String field)
      throws Exception {
    String body =
        path.endsWith("/state")
            ? "{\"state\":\"{\\\"$ne\\\":1}\"}"
            : path.endsWith("/reject") || path.endsWith("/reopen")
                ? "{\"reason\":\"\"}"
                : path.endsWith("/cases")
                    ? "{\"subject\":\"\",\"shortDescription\":\"d\",\"priority\":\"low\"}"
                    : "{\"text\":\" \"}";
    mvc.perform(
            request(method, "/api/accounts/" + acme + path, body).header("Authorization", samToken))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value(field));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void anEmptyUploadAndAMissingFileAre400() throws Exception {
    mvc.perform(
            multipart("/api/accounts/" + acme + "/cases/" + NUMBER + "/attachments")
                .file(new MockMultipartFile("file", "empty.txt", "text/plain", new byte[0]))
                .header("Authorization", aliceToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("file"));
    mvc.perform(
            multipart("/api/accounts/" + acme + "/cases/" + NUMBER + "/attachments")
                .file(new MockMultipartFile("other", "x.txt", "text/plain", new byte[] {1}))
                .header("Authorization", aliceToken))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  private static String validBody(String path) {
    if (path.endsWith("/account")) {
      return "{\"accountId\":\"" + UUID.randomUUID() + "\",\"reason\":\"wrong account\"}";
    }
    if (path.endsWith("/cases")) {
      return "{\"subject\":\"S\",\"shortDescription\":\"D\",\"priority\":\"low\"}";
    }
    if (path.endsWith("/state")) {
      return "{\"state\":\"resolved\"}";
    }
    return path.endsWith("/reject") || path.endsWith("/reopen")
        ? "{\"reason\":\"r\"}"
        : "{\"text\":\"t\"}";
  }

  private static AbstractMockHttpServletRequestBuilder<?> request(
      String method, String url, String body) {
    String u = url.replace("{id}", UUID.randomUUID().toString());
    return switch (method) {
      case "GET" -> get(u);
      case "UPLOAD" ->
          multipart(u).file(new MockMultipartFile("file", "a.txt", "text/plain", new byte[] {65}));
      default -> post(u).contentType(MediaType.APPLICATION_JSON).content(body);
    };
  }
}
