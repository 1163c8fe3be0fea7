package io.peakhub.billing.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class ContactApiTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;
  static final String CONTACT =
      """
      {"name":"Accounts Payable","email":"%s","phone":"+49 30 1234567","line1":"Hauptstr. 1","city":"Berlin",
       "postalCode":"10115","country":"DE"}""";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  UUID account;

  @BeforeEach
  void setUp() throws Exception {
    account = new BillingApi(mvc).account("EUR", "de-DE");
    GRANTS.grant(ALICE, account.toString());
    GRANTS.grant(BOB, UUID.randomUUID().toString());
  }

  /** A token as Keycloak issues it, signed in {@code minutesAgo} minutes ago. */
  private static String alice(long minutesAgo) {
    return "Bearer "
        + TestJwts.token(
            ALICE,
            "alice",
            Map.of("auth_time", Instant.now().minusSeconds(minutesAgo * 60).getEpochSecond()),
            "customer");
  }

  private ResultActions putBillTo(String token, String email) throws Exception {
    return mvc.perform(
        put("/accounts/" + account + "/contacts/bill-to")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(CONTACT.formatted(email)));
  }

  @Test
  void customerSetsTheBillToContactAndAnEmailChangeNeedsARecentSignIn() throws Exception {
    putBillTo(alice(60), "ap@globex.example")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.billTo.email").value("ap@globex.example"))
        .andExpect(jsonPath("$.soldTo").doesNotExist());
    // same e-mail, other fields: no fresh sign-in needed
    putBillTo(alice(60), "ap@globex.example").andExpect(status().isOk());
    putBillTo(alice(60), "new@globex.example")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/recent-login-required"));
    putBillTo(alice(1), "new@globex.example")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.billTo.email").value("new@globex.example"));
    // each accepted change is announced once; the refused one is not
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM outbox_event WHERE message_key = :a AND type = 'ContactsChanged.v1'")
                .param("a", account.toString())
                .query(Integer.class)
                .single())
        .isEqualTo(3);
  }

  @Test
  void anotherCustomerCannotReadOrChangeContacts() throws Exception {
    putBillTo(alice(1), "ap@globex.example").andExpect(status().isOk());
    String bob = "Bearer " + TestJwts.token(BOB, "bob", "customer");
    mvc.perform(get("/accounts/" + account + "/contacts").header("Authorization", bob))
        .andExpect(status().isNotFound());
    putBillTo(bob, "evil@example.com").andExpect(status().isNotFound());
    mvc.perform(
            put("/accounts/" + account + "/contacts/sold-to")
                .header("Authorization", bob)
                .contentType(MediaType.APPLICATION_JSON)
                .content(CONTACT.formatted("evil@example.com")))
        .andExpect(status().isNotFound());
    mvc.perform(
            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                    "/accounts/" + account + "/contacts/sold-to")
                .header("Authorization", bob))
        .andExpect(status().isNotFound());
    // and a customer is no admin: the account itself cannot be changed through the admin API
    mvc.perform(
            put("/admin/accounts/" + account)
                .header("Authorization", alice(1))
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\"A-999999\",\"name\":\"Mine now\",\"currency\":\"EUR\",\"status\":\"active\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/accounts/" + account + "/contacts").header("Authorization", alice(1)))
        .andExpect(jsonPath("$.billTo.email").value("ap@globex.example"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"email|not-an-email", "country|XX", "country|de", "phone|call me", "name|"})
  void badContactsAre400NamingTheField(String field, String value) throws Exception {
    String body = CONTACT.formatted("ap@globex.example");
    body =
        switch (field) {
          case "email" -> CONTACT.formatted(value);
          case "country" -> body.replace("\"DE\"", "\"" + value + "\"");
          case "phone" -> body.replace("+49 30 1234567", value);
          default -> body.replace("Accounts Payable", value == null ? "" : value);
        };
    mvc.perform(
            put("/accounts/" + account + "/contacts/sold-to")
                .header("Authorization", alice(1))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(
            jdbc.sql("SELECT count(*) FROM account_contact WHERE account_id = :a")
                .param("a", account)
                .query(Integer.class)
                .single())
        .isZero();
  }
}
