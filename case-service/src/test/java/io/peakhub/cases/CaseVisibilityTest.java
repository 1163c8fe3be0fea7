package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Who sees which case: list, detail, attachment download and comment agree for every kind of caller
 * (customers restricted and not, another account's customer, a success agent, the account's manager
 * and another account's).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseVisibilityTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String RITA = UUID.randomUUID().toString(); // restricted, raised the case
  static final String NORA = UUID.randomUUID().toString(); // restricted, did not raise it
  static final String ALICE = UUID.randomUUID().toString(); // scope all on ACME
  static final String BOB = UUID.randomUUID().toString(); // scope all, on GLOBEX only
  static final String SAM = UUID.randomUUID().toString(); // success agent, every account
  static final String ERIN = UUID.randomUUID().toString(); // account manager of ACME
  static final String FRANK = UUID.randomUUID().toString(); // account manager of GLOBEX only
  static final byte[] PDF =
      "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  static {
    TestAccess.GRANTS
        .grant(RITA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(NORA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(ALICE, myCases(Level.create, Grant.Scope.all), ACME.toString())
        .grant(BOB, myCases(Level.full, Grant.Scope.all), GLOBEX.toString())
        .grant(ERIN, myCases(Level.full, Grant.Scope.all), ACME.toString())
        .grant(FRANK, myCases(Level.full, Grant.Scope.all), GLOBEX.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  CaseApi api;
  String ritasCase;
  String ritasFile;

  @BeforeEach
  void ritaOpensACaseWithAFile() throws Exception {
    api = new CaseApi(mvc);
    String rita = bearer(RITA, "rita", "customer");
    ritasCase = api.opened(rita, ACME, "Export fails");
    String json =
        api.upload(rita, ACME, ritasCase, "export.pdf", PDF)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    ritasFile = JsonPath.read(json, "$.activity[-1].attachmentId");
  }

  private ResultActions download(String token) throws Exception {
    return mvc.perform(
        get("/accounts/" + ACME + "/cases/" + ritasCase + "/attachments/" + ritasFile)
            .header("Authorization", token));
  }

  record Caller(String name, String token, boolean seesCase) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> callers() {
    return Stream.of(
        Arguments.of(
            new Caller(
                "restricted customer who raised it", bearer(RITA, "rita", "customer"), true)),
        Arguments.of(
            new Caller("restricted customer who did not", bearer(NORA, "nora", "customer"), false)),
        Arguments.of(
            new Caller("customer with scope all", bearer(ALICE, "alice", "customer"), true)),
        Arguments.of(
            new Caller("another account's customer", bearer(BOB, "bob", "customer"), false)),
        Arguments.of(new Caller("success agent", bearer(SAM, "sam", "success_agent"), true)),
        Arguments.of(
            new Caller(
                "account manager of the account", bearer(ERIN, "erin", "account_executive"), true)),
        Arguments.of(
            new Caller(
                "another account's manager", bearer(FRANK, "frank", "account_executive"), false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("callers")
  void listDetailDownloadAndCommentAgree(Caller caller) throws Exception {
    boolean otherAccount = caller.name().startsWith("another account");
    if (otherAccount) {
      api.list(caller.token(), ACME, "").andExpect(status().isNotFound());
    } else {
      api.list(caller.token(), ACME, "")
          .andExpect(status().isOk())
          .andExpect(
              jsonPath(
                  "$.items[*].number",
                  caller.seesCase() ? hasItem(ritasCase) : not(hasItem(ritasCase))));
    }
    long versionBefore = cases.findByNumber(ritasCase).orElseThrow().version();
    if (caller.seesCase()) {
      api.detail(caller.token(), ACME, ritasCase)
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.number").value(ritasCase));
      download(caller.token()).andExpect(status().isOk()).andExpect(content().bytes(PDF));
      api.comment(caller.token(), ACME, ritasCase, "hello")
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.activity[-1].text").value("hello"));
      // the upload and the comment
      assertThat(cases.findByNumber(ritasCase).orElseThrow().activity()).hasSize(2);
    } else {
      api.detail(caller.token(), ACME, ritasCase)
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
      download(caller.token())
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
      api.comment(caller.token(), ACME, ritasCase, "hello")
          .andExpect(status().isNotFound())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
      assertThat(cases.findByNumber(ritasCase).orElseThrow().version()).isEqualTo(versionBefore);
    }
  }

  private org.springframework.test.web.servlet.RequestBuilder assign(String token, UUID account) {
    return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
            "/accounts/" + account + "/cases/" + ritasCase + "/assignee")
        .header("Authorization", token)
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .content("{\"assigneeId\":\"" + SAM + "\",\"assigneeName\":\"Sam Agent\"}");
  }

  /**
   * Bob uses his own account in the path with Acme's case number; Sam (who sees every account) too.
   */
  @Test
  void everyEndpointTakingACaseNumberRefusesACaseOfAnotherAccount() throws Exception {
    String bob = bearer(BOB, "bob", "customer");
    String sam = bearer(SAM, "sam", "success_agent");
    String ritaToken = bearer(RITA, "rita", "customer");
    api.state(sam, ACME, ritasCase, "resolved").andExpect(status().isOk());
    long versionBefore = cases.findByNumber(ritasCase).orElseThrow().version();
    for (String token : new String[] {bob, sam}) {
      api.detail(token, GLOBEX, ritasCase).andExpect(status().isNotFound());
      api.comment(token, GLOBEX, ritasCase, "x").andExpect(status().isNotFound());
      api.post(token, GLOBEX, ritasCase, "resolution/accept", "").andExpect(status().isNotFound());
      api.post(token, GLOBEX, ritasCase, "resolution/reject", "{\"reason\":\"no\"}")
          .andExpect(status().isNotFound());
      api.post(token, GLOBEX, ritasCase, "reopen", "{\"reason\":\"no\"}")
          .andExpect(status().isNotFound());
    }
    api.note(sam, GLOBEX, ritasCase, "x").andExpect(status().isNotFound());
    mvc.perform(assign(sam, GLOBEX)).andExpect(status().isNotFound());
    mvc.perform(assign(bob, GLOBEX)).andExpect(status().isForbidden());
    mvc.perform(assign(ritaToken, ACME)).andExpect(status().isForbidden());
    api.state(sam, GLOBEX, ritasCase, "closed").andExpect(status().isNotFound());
    api.post(sam, GLOBEX, ritasCase, "archive", "").andExpect(status().isNotFound());
    // Bob is no agent: refused before anything is looked up
    api.note(bob, GLOBEX, ritasCase, "x").andExpect(status().isForbidden());
    api.state(bob, GLOBEX, ritasCase, "closed").andExpect(status().isForbidden());
    api.post(bob, GLOBEX, ritasCase, "archive", "").andExpect(status().isForbidden());
    // and Nora, Rita's colleague with a restricted profile, cannot act on Rita's case either
    String nora = bearer(NORA, "nora", "customer");
    api.post(nora, ACME, ritasCase, "resolution/accept", "").andExpect(status().isNotFound());
    api.post(nora, ACME, ritasCase, "resolution/reject", "{\"reason\":\"no\"}")
        .andExpect(status().isNotFound());
    assertThat(cases.findByNumber(ritasCase).orElseThrow().version()).isEqualTo(versionBefore);
    mvc.perform(assign(sam, ACME))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.assigneeName").value("Sam Agent"));
    // while Rita herself can
    api.post(ritaToken, ACME, ritasCase, "resolution/accept", "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("closed"));
  }
}
