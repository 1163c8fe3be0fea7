package io.peakhub.bff.cases;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.peakhub.bff.BillingStub;
import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.summary.SummaryRepository;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * My Cases across accounts ({@code GET /api/cases}) against a stand-in case-service (WireMock):
 * account names from the read model, the user's token passed on, case-service's refusals passed on,
 * case-service down a 503, bad input refused here.
 */
@ServiceTest
class CasesAcrossAccountsTest {

  @DynamicPropertySource
  static void cases(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.cases.url", BillingStub::url);
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired SummaryRepository summaries;

  final String erin = UUID.randomUUID().toString();
  final String vera = UUID.randomUUID().toString();
  final String erinToken = "Bearer " + TestJwts.token(erin, "erin", "account_executive");
  final String veraToken = "Bearer " + TestJwts.token(vera, "vera", "customer");
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();
  final UUID unknown = UUID.randomUUID(); // not in the read model yet

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(
        erin,
        Map.of(Area.my_cases, new Grant(Level.full, Grant.Scope.all)),
        acme.toString(),
        globex.toString(),
        unknown.toString());
    TestAccess.GRANTS.grant(
        vera,
        Map.of(Area.my_account, new Grant(Level.full, Grant.Scope.all)),
        acme.toString(),
        globex.toString());
    summaries.saveIfNewer(account(acme, "A-000101", "Acme Corporation"));
    summaries.saveIfNewer(account(globex, "A-000102", "Globex GmbH"));
  }

  static AccountSummary account(UUID id, String number, String name) {
    return new AccountSummary(
        id,
        number,
        name,
        "USD",
        "active",
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        null,
        null,
        null,
        Instant.parse("2026-11-01T10:00:00Z"));
  }

  static String row(String number, UUID account, String subject) {
    return """
        {"number":"%s","accountId":"%s","subject":"%s","priority":"high","state":"new","requesterId":"u1",
         "createdAt":"2026-12-01T10:00:00Z","updatedAt":"2026-12-01T11:00:00Z","addedLater":1}"""
        .formatted(number, account, subject);
  }

  @Test
  void theListNamesEachRowsAccountFromTheReadModel() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/cases"))
                .willReturn(
                    json(
                        "{\"items\":["
                            + row("CS0000003", globex, "Export fails")
                            + ","
                            + row("CS0000002", acme, "Wrong VAT number")
                            + ","
                            + row("CS0000001", unknown, "New account's case")
                            + "],\"next\":\"1764586800000_CS0000001\"}")));
    mvc.perform(get("/api/cases?q=fails&filter=open").header("Authorization", erinToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].number").value("CS0000003"))
        .andExpect(jsonPath("$.items[0].accountId").value(globex.toString()))
        .andExpect(jsonPath("$.items[0].accountName").value("Globex GmbH"))
        .andExpect(jsonPath("$.items[0].accountNumber").value("A-000102"))
        .andExpect(jsonPath("$.items[0].state").value("new"))
        .andExpect(jsonPath("$.items[0].addedLater").doesNotExist())
        .andExpect(jsonPath("$.items[1].accountName").value("Acme Corporation"))
        .andExpect(jsonPath("$.items[1].subject").value("Wrong VAT number"))
        .andExpect(jsonPath("$.items[2].accountId").value(unknown.toString()))
        .andExpect(jsonPath("$.items[2].accountName").doesNotExist())
        .andExpect(jsonPath("$.next").value("1764586800000_CS0000001"));
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/cases"))
                .withQueryParam("q", equalTo("fails"))
                .withQueryParam("filter", equalTo("open"))
                .withQueryParam("limit", equalTo("25"))
                .withHeader("Authorization", equalTo(erinToken)));
    // the read model answered the names: billing was not asked
    assertThat(BillingStub.requests())
        .allSatisfy(r -> assertThat(r.getRequest().getUrl()).startsWith("/cases"));
  }

  @Test
  void theNextPageIsAskedWithItsPosition() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/cases"))
                .willReturn(json("{\"items\":[],\"next\":null}")));
    mvc.perform(
            get("/api/cases?after=1764586800000_CS0000001&limit=10")
                .header("Authorization", erinToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/cases"))
                .withQueryParam("after", equalTo("1764586800000_CS0000001"))
                .withQueryParam("limit", equalTo("10")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"503", "fault"})
  void caseServiceDownIs503NeverAnEmptyList(String how) throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(anyUrl())
                .willReturn(
                    how.equals("fault")
                        ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
                        : aResponse().withStatus(503)));
    mvc.perform(get("/api/cases").header("Authorization", erinToken))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(header().exists("Retry-After"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("case-service")));
  }

  @Test
  void caseServicesOwnRefusalPassesOn() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/cases"))
                .willReturn(
                    problem(409, "not-supported-by-case-source", "Cases come from servicenow")));
    mvc.perform(get("/api/cases").header("Authorization", erinToken))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type").value("https://peakhub.io/problems/not-supported-by-case-source"));
  }

  @Test
  void aProfileWithoutMyCasesIs403AndCaseServiceIsNotAsked() throws Exception {
    mvc.perform(get("/api/cases").header("Authorization", veraToken))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=0|limit",
        "limit=101|limit",
        "filter=mine|filter",
        "after=CS0001234|after",
        "after=%7B%22%24gt%22%3A1%7D|after",
        "q=%24where%7B%7D|q"
      })
  void badInputIs400ProblemNamingTheFieldAndCaseServiceIsNotAsked(String query, String field)
      throws Exception {
    mvc.perform(get("/api/cases?" + query).header("Authorization", erinToken))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value(field));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @Test
  void anOverLongSearchIs400() throws Exception {
    mvc.perform(get("/api/cases").param("q", "a".repeat(101)).header("Authorization", erinToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("q"));
    assertThat(BillingStub.requests()).isEmpty();
  }
}
