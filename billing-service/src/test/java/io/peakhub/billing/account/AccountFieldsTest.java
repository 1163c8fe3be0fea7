package io.peakhub.billing.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Admin-defined account fields: definitions (admins only), values checked against their type, who
 * sees them.
 */
@ServiceTest
class AccountFieldsTest {

  static final String ADMIN = BillingApi.ADMIN;
  static final String ALICE_ID = UUID.randomUUID().toString();
  static final String BOB_ID = UUID.randomUUID().toString();
  static final String ALICE = "Bearer " + TestJwts.token(ALICE_ID, "alice", "customer");
  static final String BOB = "Bearer " + TestJwts.token(BOB_ID, "bob", "customer");
  static final String EXECUTIVE =
      "Bearer " + TestJwts.token(ALICE_ID, "alice", "account_executive");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  UUID account;
  String suffix;

  @BeforeEach
  void setUp() throws Exception {
    account = new BillingApi(mvc).account("USD", "en-US");
    TestAccess.GRANTS.grant(ALICE_ID, account.toString());
    TestAccess.GRANTS.grant(BOB_ID, UUID.randomUUID().toString());
    TestAccess.GRANTS.grantAll("admin-1");
    // the definitions are global: each test its own names, and none left required for the other
    // tests
    suffix = UUID.randomUUID().toString().substring(0, 6);
    jdbc.sql("UPDATE account_field SET required = false").update();
  }

  private ResultActions define(String token, String json) throws Exception {
    return mvc.perform(
        post("/admin/account-fields")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json));
  }

  private String defineOk(String name, String type, String options, boolean required)
      throws Exception {
    var body =
        BillingApi.json(
            define(
                    ADMIN,
                    """
        {"name":"%s","label":"%s label","type":"%s","options":%s,"required":%s}"""
                        .formatted(name, name, type, options, required))
                .andExpect(status().isCreated()));
    return body.get("id").asString();
  }

  /** The account again, with its own number and name, and these field values. */
  private ResultActions putAccount(String token, String fields) throws Exception {
    String number =
        jdbc.sql("SELECT number FROM billing_account WHERE id = :id")
            .param("id", account)
            .query(String.class)
            .single();
    return mvc.perform(
        put("/admin/accounts/" + account)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                """
            {"number":"%s","name":"Globex GmbH %s","currency":"USD","status":"active","fields":%s}"""
                    .formatted(number, number, fields)));
  }

  @Test
  void aChangeOfFieldsOnlyAnnouncesTheAccountAsStoredWithoutItsFields() throws Exception {
    String industry = "industry" + suffix;
    defineOk(industry, "text", "[]", false);
    jdbc.sql("UPDATE billing_account SET locale = 'de-DE' WHERE id = :id")
        .param("id", account)
        .update();

    putAccount(
            ADMIN,
            """
        {"%s":"Retail"}"""
                .formatted(industry))
        .andExpect(status().isOk());

    String payload =
        jdbc.sql(
                """
            SELECT payload FROM outbox_event WHERE message_key = :k AND type = 'AccountUpdated.v1'
            ORDER BY seq DESC LIMIT 1""")
            .param("k", account.toString())
            .query(String.class)
            .single();
    var body = EventJson.read(payload).body();
    assertThat(body.get("status").asString()).isEqualTo("active");
    assertThat(body.get("currency").asString()).isEqualTo("USD");
    assertThat(body.get("locale").asString())
        .as("the request had none: the account keeps its own")
        .isEqualTo("de-DE");
    assertThat(body.has("fields")).as("field values are not part of the event").isFalse();
  }

  @Test
  void anAdminDefinesFieldsOfEveryTypeAndSetsValuesThatTheCustomerSees() throws Exception {
    String industry = "industry" + suffix;
    String seats = "seats" + suffix;
    String renewal = "renewal" + suffix;
    String tier = "tier" + suffix;
    defineOk(industry, "text", "[]", false);
    defineOk(seats, "number", "[]", false);
    defineOk(renewal, "date", "[]", false);
    defineOk(tier, "picklist", "[\"Gold\",\"Silver\"]", false);
    putAccount(
            ADMIN,
            """
        {"%s":"Retail","%s":12.50,"%s":"2027-03-31","%s":"Gold"}"""
                .formatted(industry, seats, renewal, tier))
        .andExpect(status().isOk());
    mvc.perform(get("/accounts/" + account + "/fields").header("Authorization", ALICE))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(industry)).value("Retail"))
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(seats)).value("12.5"))
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(renewal)).value("2027-03-31"))
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(tier)).value("Gold"))
        .andExpect(jsonPath("$[?(@.name == '%s')].label".formatted(tier)).value(tier + " label"));
    // values not given keep theirs; a null clears one
    putAccount(ADMIN, "{\"%s\":null}".formatted(industry)).andExpect(status().isOk());
    mvc.perform(get("/accounts/" + account + "/fields").header("Authorization", ADMIN))
        .andExpect(
            jsonPath("$[?(@.name == '%s')].value".formatted(industry))
                .value(org.hamcrest.Matchers.contains((Object) null)))
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(tier)).value("Gold"));
  }

  @Test
  void anotherCustomerCannotReadAnAccountsFields() throws Exception {
    mvc.perform(get("/accounts/" + account + "/fields").header("Authorization", BOB))
        .andExpect(status().isNotFound());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "number   | []                  | \"twelve\"",
        "number   | []                  | true",
        "date     | []                  | \"31/03/2027\"",
        "date     | []                  | \"2027-02-30\"",
        "picklist | [\"Gold\",\"Silver\"] | \"Bronze\"",
        "text     | []                  | {\"a\":1}"
      })
  void aValueThatDoesNotFitItsTypeIsRefusedNamingTheFieldAndNothingChanges(
      String type, String options, String value) throws Exception {
    String name = "f" + suffix;
    String ok = "ok" + suffix;
    defineOk(name, type, options, false);
    defineOk(ok, "text", "[]", false);
    putAccount(ADMIN, "{\"%s\":\"before\"}".formatted(ok)).andExpect(status().isOk());
    putAccount(ADMIN, "{\"%s\":\"after\",\"%s\":%s}".formatted(ok, name, value))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value("fields." + name));
    mvc.perform(get("/accounts/" + account + "/fields").header("Authorization", ALICE))
        .andExpect(jsonPath("$[?(@.name == '%s')].value".formatted(ok)).value("before"));
  }

  @Test
  void anUnknownFieldAndAMissingRequiredOneAreRefused() throws Exception {
    putAccount(ADMIN, "{\"nosuch" + suffix + "\":\"x\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("fields.nosuch" + suffix));
    String required = "req" + suffix;
    defineOk(required, "text", "[]", true);
    putAccount(ADMIN, "{}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("fields." + required));
    // an update without fields (the demo seeder's) still works
    putAccount(ADMIN, "null").andExpect(status().isOk());
    putAccount(ADMIN, "{\"%s\":\"here\"}".formatted(required)).andExpect(status().isOk());
  }

  @ParameterizedTest
  @ValueSource(strings = {"customer", "account_executive", "success_agent"})
  void nonAdminsCannotDefineChangeOrDeleteFieldsNorSetValues(String role) throws Exception {
    String token = "Bearer " + TestJwts.token(ALICE_ID, "alice", role);
    String id = defineOk("guarded" + suffix, "text", "[]", false);
    define(token, "{\"name\":\"x%s\",\"label\":\"X\",\"type\":\"text\"}".formatted(suffix))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/account-fields").header("Authorization", token))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/admin/account-fields/" + id)
                .header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"guarded%s\",\"label\":\"Y\",\"type\":\"text\"}".formatted(suffix)))
        .andExpect(status().isForbidden());
    mvc.perform(delete("/admin/account-fields/" + id).header("Authorization", token))
        .andExpect(status().isForbidden());
    putAccount(token, "{\"guarded%s\":\"x\"}".formatted(suffix)).andExpect(status().isForbidden());
    assertThat(
            jdbc.sql("SELECT count(*) FROM account_field WHERE name = :n")
                .param("n", "x" + suffix)
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT label FROM account_field WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single())
        .isEqualTo("guarded" + suffix + " label");
  }

  @Test
  void badDefinitionsAreRefusedNamingTheField() throws Exception {
    define(ADMIN, "{\"name\":\"Bad Name\",\"label\":\"X\",\"type\":\"text\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("name"));
    define(ADMIN, "{\"name\":\"c%s\",\"label\":\"X\",\"type\":\"colour\"}".formatted(suffix))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("type"));
    define(
            ADMIN,
            "{\"name\":\"p%s\",\"label\":\"X\",\"type\":\"picklist\",\"options\":[]}"
                .formatted(suffix))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("options"));
    define(
            ADMIN,
            "{\"name\":\"p%s\",\"label\":\"X\",\"type\":\"picklist\",\"options\":[\"A\",\"A\"]}"
                .formatted(suffix))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("options"));
    defineOk("dup" + suffix, "text", "[]", false);
    define(ADMIN, "{\"name\":\"dup%s\",\"label\":\"X\",\"type\":\"text\"}".formatted(suffix))
        .andExpect(status().isConflict());
  }

  @Test
  void aPickListOptionInUseCannotBeRemovedAndTheTypeCannotChange() throws Exception {
    String tier = "tier" + suffix;
    String id = defineOk(tier, "picklist", "[\"Gold\",\"Silver\"]", false);
    putAccount(ADMIN, "{\"%s\":\"Gold\"}".formatted(tier)).andExpect(status().isOk());
    String redefine = "{\"name\":\"%s\",\"label\":\"Tier\",\"type\":\"%s\",\"options\":%s}";
    mvc.perform(
            put("/admin/account-fields/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(redefine.formatted(tier, "picklist", "[\"Silver\"]")))
        .andExpect(status().isConflict());
    mvc.perform(
            put("/admin/account-fields/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(redefine.formatted(tier, "text", "[]")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("type"));
    mvc.perform(
            put("/admin/account-fields/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(redefine.formatted(tier, "picklist", "[\"Gold\",\"Platinum\"]")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.label").value("Tier"))
        .andExpect(jsonPath("$.options[1]").value("Platinum"));
    mvc.perform(delete("/admin/account-fields/" + id).header("Authorization", ADMIN))
        .andExpect(status().isNoContent());
    assertThat(
            jdbc.sql("SELECT count(*) FROM account_field_value WHERE field_id = :id")
                .param("id", UUID.fromString(id))
                .query(Integer.class)
                .single())
        .isZero();
  }
}
