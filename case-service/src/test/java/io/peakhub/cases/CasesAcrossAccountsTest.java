package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * My Cases across accounts ({@code GET /cases}): an account manager sees the cases of the accounts
 * they manage and of no other, a restricted customer only their own, agents every account's; the
 * per-account list's filters, search and bad-input answers hold across accounts, and pages are
 * keyed by (updatedAt, number), newest updated first.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class CasesAcrossAccountsTest {

  // fresh accounts per class: the store is shared with the other test classes
  static final UUID NORTH = UUID.randomUUID(); // managed by Mia
  static final UUID SOUTH = UUID.randomUUID(); // managed by Mia
  static final UUID WEST = UUID.randomUUID(); // managed by Max only
  static final String MIA = UUID.randomUUID().toString(); // account manager of NORTH and SOUTH
  static final String MAX = UUID.randomUUID().toString(); // account manager of WEST
  static final String RITA = UUID.randomUUID().toString(); // NORTH, restricted, raises cases
  static final String NED = UUID.randomUUID().toString(); // NORTH, restricted, raises cases
  static final String SUE = UUID.randomUUID().toString(); // SOUTH, scope all
  static final String WES = UUID.randomUUID().toString(); // WEST, scope all
  static final String SAM = UUID.randomUUID().toString(); // success agent, every account
  static final String VERA = UUID.randomUUID().toString(); // NORTH and SOUTH, no My Cases

  static {
    TestAccess.GRANTS
        .grant(MIA, myCases(Level.full, Grant.Scope.all), NORTH.toString(), SOUTH.toString())
        .grant(MAX, myCases(Level.full, Grant.Scope.all), WEST.toString())
        .grant(RITA, myCases(Level.create, Grant.Scope.restricted), NORTH.toString())
        .grant(NED, myCases(Level.create, Grant.Scope.restricted), NORTH.toString())
        .grant(SUE, myCases(Level.create, Grant.Scope.all), SOUTH.toString())
        .grant(WES, myCases(Level.create, Grant.Scope.all), WEST.toString())
        .grant(
            VERA,
            java.util.Map.of(
                io.peakhub.platform.access.Area.my_account, new Grant(Level.full, Grant.Scope.all)),
            NORTH.toString(),
            SOUTH.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  CaseApi api;
  final String mia = bearer(MIA, "mia", "account_executive");
  final String max = bearer(MAX, "max", "account_executive");
  final String rita = bearer(RITA, "rita", "customer");
  final String ned = bearer(NED, "ned", "customer");
  final String sue = bearer(SUE, "sue", "customer");
  final String wes = bearer(WES, "wes", "customer");
  final String sam = bearer(SAM, "sam", "success_agent");
  String ritas;
  String neds;
  String sues;
  String wess;

  @BeforeEach
  void eachAccountHasCases() throws Exception {
    api = new CaseApi(mvc);
    ritas = api.opened(rita, NORTH, "North printer jams");
    neds = api.opened(ned, NORTH, "North VPN drops");
    sues = api.opened(sue, SOUTH, "South invoice has the wrong VAT number");
    wess = api.opened(wes, WEST, "West export fails");
  }

  /**
   * The store is shared with the other test classes, and CaseEventsTest publishes one outbox batch
   * (the oldest 50 pending cases): this class's many unpublished cases would crowd out its own.
   */
  @AfterEach
  void removeThisClassesCases() {
    mongo.remove(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("accountId")
                .in(NORTH.toString(), SOUTH.toString(), WEST.toString())),
        io.peakhub.cases.supportcase.SupportCase.class);
  }

  private ResultActions across(String token, String query) throws Exception {
    return mvc.perform(get("/cases" + query).header("Authorization", token));
  }

  private ResultActions search(String token, String q) throws Exception {
    return mvc.perform(get("/cases").param("q", q).header("Authorization", token));
  }

  private static ResultActions problem(ResultActions result, int status) throws Exception {
    return result
        .andExpect(status().is(status))
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
  }

  @Test
  void aManagerSeesTheCasesOfBothManagedAccountsAndNotThoseOfAThirdAccount() throws Exception {
    String json =
        across(mia, "?filter=all&limit=100")
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items[*].number", hasItems(ritas, neds, sues)))
            .andExpect(jsonPath("$.items[*].number", not(hasItem(wess))))
            .andExpect(
                jsonPath(
                    "$.items[*].accountId",
                    everyItem(
                        org.hamcrest.Matchers.in(List.of(NORTH.toString(), SOUTH.toString())))))
            .andReturn()
            .getResponse()
            .getContentAsString();
    // each row carries its own account
    List<String> southRows =
        JsonPath.read(json, "$.items[?(@.number == '" + sues + "')].accountId");
    assertThat(southRows).containsExactly(SOUTH.toString());
    List<String> northRows =
        JsonPath.read(json, "$.items[?(@.number == '" + ritas + "')].accountId");
    assertThat(northRows).containsExactly(NORTH.toString());
  }

  @Test
  void anotherManagerSeesNoneOfTheFirstManagersCases() throws Exception {
    across(max, "?filter=all&limit=100")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].number", hasItem(wess)))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(ritas))))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(neds))))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(sues))))
        .andExpect(jsonPath("$.items[*].accountId", everyItem(is(WEST.toString()))));
  }

  @Test
  void aRestrictedCustomerSeesOnlyTheCasesTheyRaised() throws Exception {
    across(rita, "?filter=all&limit=100")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].requesterId", everyItem(is(RITA))))
        .andExpect(jsonPath("$.items[*].number", hasItem(ritas)))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(neds))));
  }

  /** Named on a colleague's case (no API names contacts yet: written to the store directly). */
  @Test
  void aRestrictedCustomerAlsoSeesACaseTheyAreNamedOn() throws Exception {
    mongo.updateFirst(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("number").is(neds)),
        new org.springframework.data.mongodb.core.query.Update().push("namedContactIds", RITA),
        io.peakhub.cases.supportcase.SupportCase.class);
    across(rita, "?filter=all&limit=100")
        .andExpect(jsonPath("$.items[*].number", hasItems(ritas, neds)));
    across(ned, "?filter=all&limit=100")
        .andExpect(jsonPath("$.items[*].number", hasItem(neds)))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(ritas))));
  }

  @Autowired org.springframework.data.mongodb.core.MongoTemplate mongo;

  @Test
  void anAgentSeesEveryAccountsCases() throws Exception {
    across(sam, "?filter=all&limit=100&q=" + ritas)
        .andExpect(jsonPath("$.items[0].number").value(ritas));
    search(sam, "export fails")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].number", hasItem(wess)));
  }

  @Test
  void aProfileWithoutMyCasesIsRefused() throws Exception {
    problem(across(bearer(VERA, "vera", "customer"), ""), 403);
  }

  @Test
  void someoneWithoutAnyAccountGetsAnEmptyList() throws Exception {
    across(bearer(UUID.randomUUID().toString(), "nobody", "customer"), "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.next").doesNotExist());
  }

  @Test
  void filtersAndSearchWorkAcrossAccounts() throws Exception {
    api.state(sam, SOUTH, sues, "closed").andExpect(status().isOk());
    across(mia, "?filter=open&limit=100")
        .andExpect(jsonPath("$.items[*].number", hasItems(ritas, neds)))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(sues))));
    across(mia, "?filter=closed&limit=100")
        .andExpect(jsonPath("$.items[*].number", hasItem(sues)))
        .andExpect(jsonPath("$.items[*].state", everyItem(is("closed"))));
    across(mia, "?filter=archived").andExpect(jsonPath("$.items[*].number", not(hasItem(sues))));
    // by subject, case-insensitive, across both accounts; by number, exactly
    search(mia, "north")
        .andExpect(jsonPath("$.items[*].number", hasItems(ritas, neds)))
        .andExpect(jsonPath("$.items[*].number", not(hasItem(sues))));
    search(mia, "VAT NUMBER").andExpect(jsonPath("$.items[*].number", hasItem(sues)));
    search(mia, sues).andExpect(jsonPath("$.items[*].number").value(containsInAnyOrder(sues)));
    // Max's case is no match for Mia, even searched by its number
    search(mia, wess).andExpect(status().isOk()).andExpect(jsonPath("$.items").isEmpty());
  }

  @Test
  void newestUpdatedComesFirstWhateverItsNumber() throws Exception {
    CaseTestSupport.CLOCK.advance(Duration.ofSeconds(5));
    api.comment(rita, NORTH, ritas, "still jamming").andExpect(status().isOk());
    across(mia, "?filter=all&limit=100")
        .andExpect(jsonPath("$.items[0].number").value(ritas))
        .andExpect(jsonPath("$.items[1].number").value(sues));
  }

  /**
   * Cases opened at the same instant (the test clock stands still) are ordered by number; the pages
   * together hold every case exactly once.
   */
  @Test
  void pagesWalkEveryCaseOnceAcrossAccounts() throws Exception {
    CaseTestSupport.CLOCK.advance(Duration.ofSeconds(5));
    String late = api.opened(sue, SOUTH, "South late case");
    List<String> all = new ArrayList<>();
    String after = null;
    for (int page = 0; page < 50; page++) {
      String json =
          across(mia, "?filter=all&limit=2" + (after == null ? "" : "&after=" + after))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      List<String> numbers = JsonPath.read(json, "$.items[*].number");
      assertThat(numbers).hasSizeLessThanOrEqualTo(2);
      all.addAll(numbers);
      after = JsonPath.read(json, "$.next");
      if (after == null) {
        break;
      }
      assertThat(after).matches("[0-9]+_CS[0-9]{7}");
    }
    assertThat(after).as("the last page has no next").isNull();
    assertThat(all).doesNotHaveDuplicates().contains(ritas, neds, sues, late).doesNotContain(wess);
    assertThat(all.get(0)).isEqualTo(late);
    // this test's three cases share one instant: higher number first
    List<String> sameInstant =
        all.stream().filter(n -> List.of(ritas, neds, sues).contains(n)).toList();
    assertThat(sameInstant).containsExactly(sues, neds, ritas);
  }

  @ParameterizedTest(name = "?{0}")
  @ValueSource(
      strings = {
        "filter=deleted",
        "limit=0",
        "limit=1000",
        "after=CS0000001",
        "after=1_CS1",
        "after=12345678901234567_CS0000001",
        "after=%7B%22%24gt%22%3A%22%22%7D"
      })
  void badParametersAreRefused(String query) throws Exception {
    problem(across(mia, "?" + query), 400);
  }

  @ParameterizedTest(name = "q={0}")
  @ValueSource(strings = {"{\"$where\":\"sleep(1000)\"}", "(a+)+$", "[a-z]*", "x\\y"})
  void searchTextThatIsNotPlainIsRefused(String q) throws Exception {
    problem(search(mia, q), 400).andExpect(jsonPath("$.field").value("q"));
  }

  @Test
  void anOverLongSearchIsRefused() throws Exception {
    problem(search(mia, "a".repeat(101)), 400).andExpect(jsonPath("$.field").value("q"));
    search(mia, "a".repeat(100)).andExpect(status().isOk());
  }
}
