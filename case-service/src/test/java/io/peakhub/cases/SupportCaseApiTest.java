package io.peakhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Against the MongoDB stand-in (mongo-java-server), in-process on a free port. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class SupportCaseApiTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final String ALICE_COLLEAGUE = UUID.randomUUID().toString();
  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();

  static {
    TestAccess.GRANTS
        .grant(ALICE, ACME.toString())
        .grant(BOB, GLOBEX.toString())
        .grant(
            ALICE_COLLEAGUE,
            Map.of(Area.my_cases, new Grant(Level.view, Grant.Scope.restricted)),
            ACME.toString());
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  @Autowired MongoTemplate mongo;

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");

  private ResultActions putCase(String token, String number, String body) throws Exception {
    return mvc.perform(
        put("/admin/cases/" + number)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void customerListsTheirAccountsCasesAndAnotherCustomerIsRefused() throws Exception {
    putCase(
            ADMIN,
            "CS-000001",
            "{\"accountId\":\"" + ACME + "\",\"subject\":\"Wrong VAT\",\"status\":\"open\"}")
        .andExpect(status().isOk());
    putCase(
            ADMIN,
            "CS-000001",
            "{\"accountId\":\"" + ACME + "\",\"subject\":\"Wrong VAT\",\"status\":\"resolved\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.state").value("resolved"));
    mvc.perform(
            get("/accounts/" + ACME + "/cases")
                .header("Authorization", "Bearer " + TestJwts.token(ALICE, "alice", "customer")))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.items[?(@.number == 'CS-000001')].state")
                .value(org.hamcrest.Matchers.contains("resolved")))
        .andExpect(
            jsonPath("$.items[*].accountId")
                .value(org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.is(ACME.toString()))));
    mvc.perform(
            get("/accounts/" + ACME + "/cases")
                .header("Authorization", "Bearer " + TestJwts.token(BOB, "bob", "customer")))
        .andExpect(status().isNotFound());
  }

  @Test
  void aRestrictedProfileSeesOnlyTheCasesThePersonRaised() throws Exception {
    putCase(
            ADMIN,
            "CS-000010",
            "{\"accountId\":\""
                + ACME
                + "\",\"subject\":\"Mine\",\"status\":\"open\",\"requesterId\":\""
                + ALICE_COLLEAGUE
                + "\"}")
        .andExpect(status().isOk());
    putCase(
            ADMIN,
            "CS-000011",
            "{\"accountId\":\""
                + ACME
                + "\",\"subject\":\"Alice's\",\"status\":\"open\",\"requesterId\":\""
                + ALICE
                + "\"}")
        .andExpect(status().isOk());
    mvc.perform(
            get("/accounts/" + ACME + "/cases")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token(ALICE_COLLEAGUE, "cid", "customer")))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$.items[*].number").value(org.hamcrest.Matchers.contains("CS-000010")));
    mvc.perform(
            get("/accounts/" + ACME + "/cases")
                .header("Authorization", "Bearer " + TestJwts.token(ALICE, "alice", "customer")))
        .andExpect(
            jsonPath("$.items[*].number")
                .value(org.hamcrest.Matchers.hasItems("CS-000010", "CS-000011")));
  }

  @Test
  void caseNumbersAreUniqueByIndexAndCannotMoveAccounts() throws Exception {
    assertThat(mongo.indexOps("support_case").getIndexInfo())
        .anySatisfy(i -> assertThat(i.isUnique() && i.getName().contains("number")).isTrue());
    putCase(
            ADMIN,
            "CS-000002",
            "{\"accountId\":\"" + ACME + "\",\"subject\":\"A\",\"status\":\"open\"}")
        .andExpect(status().isOk());
    putCase(
            ADMIN,
            "CS-000002",
            "{\"accountId\":\"" + GLOBEX + "\",\"subject\":\"A\",\"status\":\"open\"}")
        .andExpect(status().isConflict());
  }

  @Test
  void badInputAndNonAdminsAreRefusedAndNothingIsWritten() throws Exception {
    long before = cases.count();
    putCase(
            ADMIN,
            "CS-000003",
            "{\"accountId\":\"" + ACME + "\",\"subject\":\"\",\"status\":\"open\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("subject"));
    putCase(ADMIN, "CS-000003", "{\"accountId\":\"nope\",\"subject\":\"A\",\"status\":\"open\"}")
        .andExpect(status().isBadRequest());
    putCase(
            "Bearer " + TestJwts.token(ALICE, "alice", "customer"),
            "CS-000003",
            "{\"accountId\":\"" + ACME + "\",\"subject\":\"A\",\"status\":\"open\"}")
        .andExpect(status().isForbidden());
    assertThat(cases.count()).isEqualTo(before);
  }

  @Test
  void anImportGoesThroughTheNormalPathOnceWithANewNumberAndItsEvents() throws Exception {
    String body =
        "{\"accountId\":\""
            + ACME
            + "\",\"subject\":\"Imported VAT question\",\"status\":\"resolved\","
            + "\"requesterId\":\""
            + ALICE
            + "\",\"requesterName\":\"alice\"}";
    String key = "demo-CS-000101-" + UUID.randomUUID();
    String json =
        mvc.perform(
                put("/admin/case-imports/" + key)
                    .header("Authorization", ADMIN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(body))
            .andExpect(status().isCreated())
            .andExpect(
                jsonPath("$.number").value(org.hamcrest.Matchers.matchesPattern("CS[0-9]{7}")))
            .andExpect(jsonPath("$.state").value("resolved"))
            .andExpect(jsonPath("$.requesterId").value(ALICE))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String number = com.jayway.jsonpath.JsonPath.read(json, "$.number");
    assertThat(cases.findByNumber(number).orElseThrow().pendingEvents())
        .extracting(io.peakhub.cases.supportcase.PendingEvent::type)
        .containsExactly("CaseOpened.v1", "CaseStateChanged.v1");

    mvc.perform(
            put("/admin/case-imports/" + key)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.number").value(number));
    assertThat(cases.findAll().stream().filter(c -> key.equals(c.importKey()))).hasSize(1);
    mvc.perform(
            put("/admin/case-imports/" + key)
                .header("Authorization", "Bearer " + TestJwts.token(ALICE, "alice", "customer"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isForbidden());
  }
}
