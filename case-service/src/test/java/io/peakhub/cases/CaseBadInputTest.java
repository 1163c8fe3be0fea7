package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Bad input is a 4xx problem+json with nothing stored; search text can never become a query
 * operator or a slow regex.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CaseBadInputTest {

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
  CaseApi api;
  final String cara = bearer(CARA, "cara", "customer");
  final String sam = bearer(SAM, "sam", "success_agent");
  String number;

  @BeforeEach
  void setUp() throws Exception {
    api = new CaseApi(mvc);
    number = api.opened(cara, ACME, "Printer (floor 2) jams");
  }

  private static ResultActions problem(ResultActions result, int status) throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
  }

  private long version() {
    return cases.findByNumber(number).orElseThrow().version();
  }

  @ParameterizedTest(name = "search \"{0}\"")
  @ValueSource(
      strings = {
        "{\"$where\":\"sleep(1000)\"}",
        "$where",
        "(a+)+$",
        "^(a|aa)+$",
        ".*.*.*.*=",
        "x{1000000}",
        "a\\",
        "[a-z"
      })
  void operatorsAndRegexSyntaxInSearchAreRefused(String q) throws Exception {
    problem(api.search(cara, ACME, q), 400).andExpect(jsonPath("$.field").value("q"));
  }

  @Test
  void aVeryLongSearchIsRefused() throws Exception {
    problem(api.search(cara, ACME, "a".repeat(101)), 400).andExpect(jsonPath("$.field").value("q"));
    problem(api.search(cara, ACME, "a".repeat(5000)), 400);
    api.search(cara, ACME, "a".repeat(100)).andExpect(status().isOk());
  }

  @Test
  void searchTextIsALiteralCaseInsensitiveMatchOnSubjectOrAnExactNumber() throws Exception {
    String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    String withBrackets = api.opened(cara, ACME, tag + " printer (floor 2) jams");
    String plain = api.opened(cara, ACME, tag + " printer floor 2 jams");
    api.search(cara, ACME, tag.toUpperCase() + " PRINTER (FLOOR 2)")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].number").value(contains(withBrackets)));
    api.search(cara, ACME, tag)
        .andExpect(jsonPath("$.items[*].number").value(contains(plain, withBrackets)));
    // "." is a character here, not "any character" (as a regex, "r.f" would match "printer floor")
    api.search(cara, ACME, tag + " printer.floor").andExpect(jsonPath("$.items").isEmpty());
    api.search(cara, ACME, plain.toLowerCase())
        .andExpect(jsonPath("$.items[*].number").value(contains(plain)));
  }

  @Test
  void anOperatorObjectInABodyFieldIsRefusedAndNothingIsStored() throws Exception {
    long before = cases.count();
    problem(
        api.open(
            cara,
            ACME,
            """
        {"subject":{"$where":"1"},"shortDescription":"x","priority":"low"}"""),
        400);
    problem(
            api.open(
                cara,
                ACME,
                """
        {"subject":"ok","shortDescription":"x","priority":"urgent!!"}"""),
            400)
        .andExpect(jsonPath("$.field").value("priority"));
    problem(
        api.open(
            cara,
            ACME,
            """
        {"subject":"ok","shortDescription":"x","priority":"low","accountId":"%s"}"""
                .formatted(UUID.randomUUID())),
        400);
    problem(
            api.open(
                cara,
                ACME,
                "{\"subject\":\""
                    + "s".repeat(301)
                    + "\",\"shortDescription\":\"x\",\"priority\":\"low\"}"),
            400)
        .andExpect(jsonPath("$.field").value("subject"));
    assertThat(cases.count()).isEqualTo(before);
  }

  @Test
  void anUnknownOrForbiddenTransitionIsRefusedAndNothingIsStored() throws Exception {
    long version = version();
    problem(api.state(sam, ACME, number, "frozen"), 400)
        .andExpect(jsonPath("$.field").value("state"));
    problem(api.state(sam, ACME, number, "new"), 409)
        .andExpect(jsonPath("$.type").value(containsString("invalid-state-transition")));
    assertThat(version()).isEqualTo(version);
    api.state(sam, ACME, number, "closed").andExpect(status().isOk());
    long closed = version();
    problem(api.state(sam, ACME, number, "resolved"), 409);
    assertThat(version()).isEqualTo(closed);
  }

  @ParameterizedTest(name = "case id \"{0}\"")
  @ValueSource(strings = {"CS123", "cs0000001", "CS00000012", "$where", "CS0000001 "})
  void aMalformedCaseIdIsRefused(String id) throws Exception {
    problem(api.detail(cara, ACME, id), 400);
    problem(api.comment(cara, ACME, id, "x"), 400);
    problem(api.state(sam, ACME, id, "closed"), 400);
  }

  @Test
  void aMalformedAccountIdOrEmptyCommentIsRefused() throws Exception {
    long version = version();
    problem(api.detail(cara, "not-a-uuid", number), 400);
    problem(api.comment(cara, ACME, number, ""), 400).andExpect(jsonPath("$.field").value("text"));
    problem(api.list(cara, ACME, "?filter=deleted"), 400);
    problem(api.list(cara, ACME, "?limit=1000"), 400);
    assertThat(version()).isEqualTo(version);
  }

  @Test
  void pagesAreKeyedByCaseNumberNewestFirst() throws Exception {
    String second = api.opened(cara, ACME, "Paged two");
    String third = api.opened(cara, ACME, "Paged three");
    api.list(cara, ACME, "?limit=2")
        .andExpect(jsonPath("$.items[*].number").value(contains(third, second)))
        .andExpect(jsonPath("$.next").value(second));
    api.list(cara, ACME, "?limit=2&after=" + second)
        .andExpect(jsonPath("$.items[0].number").value(org.hamcrest.Matchers.lessThan(second)));
  }

  @Test
  void filtersSplitOpenFromClosedCases() throws Exception {
    String closed = api.opened(cara, ACME, "Done soon");
    api.state(sam, ACME, closed, "closed").andExpect(status().isOk());
    api.list(cara, ACME, "?filter=open")
        .andExpect(
            jsonPath(
                "$.items[*].number",
                org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(closed))))
        .andExpect(jsonPath("$.items[*].number", org.hamcrest.Matchers.hasItem(number)));
    api.list(cara, ACME, "?filter=closed")
        .andExpect(jsonPath("$.items[*].number", org.hamcrest.Matchers.hasItem(closed)))
        .andExpect(
            jsonPath(
                "$.items[*].state",
                org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is("closed"))));
    api.list(cara, ACME, "?filter=archived").andExpect(jsonPath("$.items").isEmpty());
  }
}
