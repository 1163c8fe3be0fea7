package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The search index kept in step with the records through the API: a new record is posted under its
 * words, an edit of its subject or description moves its postings, a visibility change touches no
 * posting but the search follows the rule at once, and a stale posting (a crash between posting and
 * saving, another account's number) never shows up.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class SuccessSearchMaintenanceTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String SAM = UUID.randomUUID().toString();
  static final String CONNIE = UUID.randomUUID().toString();

  static {
    TestAccess.GRANTS
        .grant(CONNIE, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grantAll(SAM);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired MongoTemplate mongo;
  SuccessApi api;
  final String sam = bearer(SAM, "sam", "success_agent");
  final String connie = bearer(CONNIE, "connie", "customer");

  @BeforeEach
  void setUp() {
    api = new SuccessApi(mvc);
  }

  @Test
  void aNewRecordIsFoundByEveryPrefixOfItsWordsAndItsNumber() throws Exception {
    String number =
        api.created(
            sam,
            ACME,
            "cases",
            SuccessApi.body("cases", null, "Quokka Onboarding", true, List.of(CONNIE), null));
    assertThat(posted(ACME, "success_case", "quokka", number)).isTrue();
    assertThat(posted(ACME, "success_case", "q", number)).isTrue();
    assertThat(posted(ACME, "success_case", number.toLowerCase(), number)).isTrue();
    for (String q : List.of("quok", "QUOKKA onb", number)) {
      api.search(connie, ACME, q)
          .andExpect(status().isOk())
          .andExpect(
              jsonPath("$.groups[?(@.source == 'cases')].items[*].number", contains(number)));
    }
  }

  @Test
  void editingTheSubjectOrDescriptionMovesThePostings() throws Exception {
    String number =
        api.created(
            sam,
            ACME,
            "tasks",
            SuccessApi.body(
                "tasks",
                api.created(
                    sam,
                    ACME,
                    "cases",
                    SuccessApi.body("cases", null, "Parent of wombats", true, List.of(), null)),
                "Wombat census",
                true,
                List.of(CONNIE),
                null));
    api.send(
            sam,
            "PUT",
            ACME,
            "tasks",
            number,
            "",
            """
        {"subject":"Numbat census","shortDescription":"Goals for the quarter","description":"Counted by Yarrawonga"}""")
        .andExpect(status().isOk());
    assertThat(posted(ACME, "task", "wombat", number)).isFalse();
    assertThat(posted(ACME, "task", "numbat", number)).isTrue();
    assertThat(posted(ACME, "task", "census", number)).isTrue();
    api.search(connie, ACME, "wombat census").andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(connie, ACME, "numbat")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.search(connie, ACME, "yarra")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.search(connie, ACME, "kickoff numbat").andExpect(jsonPath("$.groups[*].items[*]", empty()));
  }

  @Test
  void hidingARecordHidesItFromTheCustomersSearchAtOnceButNotFromAgents() throws Exception {
    String number =
        api.created(
            sam,
            ACME,
            "initiatives",
            SuccessApi.body(
                "initiatives", null, "Platypus programme", true, List.of(CONNIE), null));
    api.search(connie, ACME, "platypus")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.send(
            sam,
            "PUT",
            ACME,
            "initiatives",
            number,
            "visibility",
            "{\"visibleToCustomer\":false,\"contactIds\":[]}")
        .andExpect(status().isOk());
    api.search(connie, ACME, "platypus").andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(sam, ACME, "platypus")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
    api.send(
            sam,
            "PUT",
            ACME,
            "initiatives",
            number,
            "visibility",
            "{\"visibleToCustomer\":true,\"contactIds\":[\"" + CONNIE + "\"]}")
        .andExpect(status().isOk());
    api.search(connie, ACME, "platypus")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(number)));
  }

  @Test
  void aStalePostingNeverShowsARecordItsWordsOrAccountDoNotMatch() throws Exception {
    String acmes =
        api.created(
            sam,
            ACME,
            "cases",
            SuccessApi.body("cases", null, "Echidna review", true, List.of(CONNIE), null));
    String globexs =
        api.created(
            sam,
            GLOBEX,
            "cases",
            SuccessApi.body("cases", null, "Echidna audit", true, List.of(), null));
    // as a crash between posting and saving, or a pull that never ran, would leave them
    post(ACME, "success_case", "ghostword", acmes);
    post(ACME, "success_case", "echidna", globexs);
    post(ACME, "success_case", "audit", globexs);
    api.search(sam, ACME, "ghostword").andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(sam, ACME, "echidna")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(acmes)));
    api.search(sam, ACME, "audit").andExpect(jsonPath("$.groups[*].items[*]", empty()));
    api.search(sam, GLOBEX, "echidna")
        .andExpect(jsonPath("$.groups[*].items[*].number", contains(globexs)));
  }

  private boolean posted(UUID account, String kind, String word, String number) {
    int bucket = Integer.parseInt(number.substring(number.length() - 7)) / 1_000;
    Document head =
        mongo.findById(account + "|" + kind + "|" + word, Document.class, "success_search_word");
    Document posting =
        mongo.findById(
            account + "|" + kind + "|" + word + "#" + bucket,
            Document.class,
            "success_search_word");
    return head != null
        && head.getList("buckets", Integer.class).contains(bucket)
        && posting != null
        && posting.getList("numbers", String.class).contains(number);
  }

  private void post(UUID account, String kind, String word, String number) {
    int bucket = Integer.parseInt(number.substring(number.length() - 7)) / 1_000;
    mongo.upsert(
        Query.query(Criteria.where("_id").is(account + "|" + kind + "|" + word)),
        new Update().addToSet("buckets", bucket),
        "success_search_word");
    mongo.upsert(
        Query.query(Criteria.where("_id").is(account + "|" + kind + "|" + word + "#" + bucket)),
        new Update().addToSet("numbers", number),
        "success_search_word");
  }
}
