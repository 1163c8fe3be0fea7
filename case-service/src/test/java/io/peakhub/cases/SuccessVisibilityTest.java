package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
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

/**
 * The customer success visibility rule, one matrix: every kind of record (initiative, success case,
 * task, touchpoint) in three variants (visible and naming Connie, assigned to Sam; visible naming
 * nobody; hidden though naming Connie and assigned to Sam), against every kind of caller. For each
 * pair the All list, the My list, the detail, the search source of that kind and the attachment
 * download agree with the expected answer written out below (not computed by the rule under test).
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuccessVisibilityTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String SAM = UUID.randomUUID().toString(); // success agent, the assignee
  static final String SIA = UUID.randomUUID().toString(); // success agent, assigned nothing
  static final String MAX =
      UUID.randomUUID()
          .toString(); // Acme contact with the case-manager grant (My Cases, scope all)
  static final String CONNIE =
      UUID.randomUUID().toString(); // Acme contact, restricted, named in the filter
  static final String NED = UUID.randomUUID().toString(); // Acme contact, restricted, named nowhere
  static final String BOB = UUID.randomUUID().toString(); // Globex case manager: another account

  static {
    TestAccess.GRANTS
        .grant(MAX, myCases(Level.create, Grant.Scope.all), ACME.toString())
        .grant(CONNIE, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(NED, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(BOB, myCases(Level.full, Grant.Scope.all), GLOBEX.toString())
        .grantAll(SAM)
        .grantAll(SIA);
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  enum Variant {
    visibleNamedAssigned,
    visibleUnnamed,
    hiddenNamedAssigned
  }

  enum Caller {
    assignedAgent(bearer(SAM, "sam", "success_agent")),
    otherAgent(bearer(SIA, "sia", "success_agent")),
    caseManager(bearer(MAX, "max", "customer")),
    namedContact(bearer(CONNIE, "connie", "customer")),
    unnamedContact(bearer(NED, "ned", "customer")),
    otherAccountsCustomer(bearer(BOB, "bob", "customer"));

    final String token;

    Caller(String token) {
      this.token = token;
    }
  }

  /** The rule, written out: does the caller see the variant in the All list, in the My list? */
  static final Map<Caller, Map<Variant, boolean[]>> EXPECTED =
      Map.of(
          Caller.assignedAgent,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(true, true),
                  Variant.visibleUnnamed,
                  yes(true, false),
                  Variant.hiddenNamedAssigned,
                  yes(true, true)),
          Caller.otherAgent,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(true, false),
                  Variant.visibleUnnamed,
                  yes(true, false),
                  Variant.hiddenNamedAssigned,
                  yes(true, false)),
          Caller.caseManager,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(true, false),
                  Variant.visibleUnnamed,
                  yes(true, false),
                  Variant.hiddenNamedAssigned,
                  yes(false, false)),
          Caller.namedContact,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(true, true),
                  Variant.visibleUnnamed,
                  yes(false, false),
                  Variant.hiddenNamedAssigned,
                  yes(false, false)),
          Caller.unnamedContact,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(false, false),
                  Variant.visibleUnnamed,
                  yes(false, false),
                  Variant.hiddenNamedAssigned,
                  yes(false, false)),
          Caller.otherAccountsCustomer,
              Map.of(
                  Variant.visibleNamedAssigned,
                  yes(false, false),
                  Variant.visibleUnnamed,
                  yes(false, false),
                  Variant.hiddenNamedAssigned,
                  yes(false, false)));

  static final List<String> KINDS = List.of("initiatives", "cases", "tasks", "touchpoints");

  record Made(String number, String word, String attachmentId) {}

  @Autowired MockMvc mvc;
  SuccessApi api;
  final Map<String, Map<Variant, Made>> made = new HashMap<>();

  private static boolean[] yes(boolean all, boolean my) {
    return new boolean[] {all, my};
  }

  @BeforeAll
  void samCreatesEveryVariantOfEveryKind() throws Exception {
    api = new SuccessApi(mvc);
    String sam = Caller.assignedAgent.token;
    // parents everyone at Acme may see, so only the child's own flags decide
    String initiative =
        api.created(
            sam,
            ACME,
            "initiatives",
            SuccessApi.body(
                "initiatives", null, "Parent initiative", true, List.of(CONNIE, NED), null));
    String parentCase =
        api.created(
            sam,
            ACME,
            "cases",
            SuccessApi.body("cases", initiative, "Parent case", true, List.of(CONNIE, NED), null));
    for (String kind : KINDS) {
      String parent =
          switch (kind) {
            case "initiatives" -> null;
            case "cases" -> initiative;
            default -> parentCase;
          };
      Map<Variant, Made> byVariant = new HashMap<>();
      for (Variant v : Variant.values()) {
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        boolean visible = v != Variant.hiddenNamedAssigned;
        List<String> contacts = v == Variant.visibleUnnamed ? List.of() : List.of(CONNIE);
        String assignee = v == Variant.visibleUnnamed ? null : SAM;
        String number =
            api.created(
                sam,
                ACME,
                kind,
                SuccessApi.body(kind, parent, "Plan " + word, visible, contacts, assignee));
        String json =
            api.upload(
                    sam,
                    ACME,
                    kind,
                    number,
                    "notes.txt",
                    "minutes".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String attachmentId = JsonPath.read(json, "$.activity[-1].attachmentId");
        byVariant.put(v, new Made(number, word, attachmentId));
      }
      made.put(kind, byVariant);
    }
  }

  static Stream<Arguments> matrix() {
    List<Arguments> out = new ArrayList<>();
    for (String kind : KINDS) {
      for (Caller caller : Caller.values()) {
        for (Variant variant : Variant.values()) {
          boolean[] expected = EXPECTED.get(caller).get(variant);
          out.add(Arguments.of(kind, caller, variant, expected[0], expected[1]));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} / {2} -> all {3}, my {4}")
  @MethodSource("matrix")
  void everyListDetailSearchAndDownloadAgreesWithTheRule(
      String kind, Caller caller, Variant variant, boolean seesInAll, boolean seesInMy)
      throws Exception {
    Made record = made.get(kind).get(variant);
    String token = caller.token;
    if (caller == Caller.otherAccountsCustomer) {
      api.list(token, ACME, kind, "").andExpect(status().isNotFound());
      api.search(token, ACME, record.word()).andExpect(status().isNotFound());
      // his own account in the path with Acme's number
      api.detail(token, GLOBEX, kind, record.number()).andExpect(status().isNotFound());
      api.download(token, GLOBEX, kind, record.number(), record.attachmentId())
          .andExpect(status().isNotFound());
      assertThat(numbers(api.list(token, GLOBEX, kind, "?limit=100")))
          .doesNotContain(record.number());
      return;
    }
    assertThat(
            numbers(api.list(token, ACME, kind, "?list=all&limit=100")).contains(record.number()))
        .as("All list")
        .isEqualTo(seesInAll);
    assertThat(numbers(api.list(token, ACME, kind, "?list=my&limit=100")).contains(record.number()))
        .as("My list")
        .isEqualTo(seesInMy);
    api.detail(token, ACME, kind, record.number()).andExpect(status().is(seesInAll ? 200 : 404));
    api.download(token, ACME, kind, record.number(), record.attachmentId())
        .andExpect(status().is(seesInAll ? 200 : 404));
    String found =
        api.search(token, ACME, record.word().toUpperCase())
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    List<String> hits =
        JsonPath.read(found, "$.groups[?(@.source == '" + kind + "')].items[*].number");
    List<String> anyHits = JsonPath.read(found, "$.groups[*].items[*].number");
    assertThat(hits)
        .as("search, " + kind)
        .isEqualTo(seesInAll ? List.of(record.number()) : List.of());
    assertThat(anyHits).as("search, every source").isEqualTo(hits);
  }

  private static List<String> numbers(org.springframework.test.web.servlet.ResultActions result)
      throws Exception {
    String json = result.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    return JsonPath.read(json, "$.items[*].number");
  }
}
