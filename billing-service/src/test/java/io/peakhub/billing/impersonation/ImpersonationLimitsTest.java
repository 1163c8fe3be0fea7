package io.peakhub.billing.impersonation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * An admin logged in as a customer (the access token's {@code impersonator} claim, as Keycloak's
 * token exchange issues it) may pay and edit contact details, recorded under both identities, but
 * may not change the billing e-mail nor add or remove payment methods.
 */
@ServiceTest
class ImpersonationLimitsTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String ADA = UUID.randomUUID().toString();
  static final String CONTACT =
      """
      {"name":"Accounts Payable","email":"%s","phone":"+49 30 1234567","line1":"Hauptstr. 1","city":"Berlin",
       "postalCode":"10115","country":"DE"}""";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  BillingApi api;
  UUID account;

  /** Alice herself, freshly signed in. */
  static String alice() {
    return "Bearer "
        + TestJwts.token(
            ALICE, "alice", Map.of("auth_time", Instant.now().getEpochSecond()), "customer");
  }

  /** Ada logged in as Alice: Alice's token carrying ada as impersonator, freshly issued. */
  static String adaAsAlice() {
    return "Bearer "
        + TestJwts.token(
            ALICE,
            "alice",
            Map.of(
                "auth_time",
                Instant.now().getEpochSecond(),
                "impersonator",
                Map.of("id", ADA, "username", "ada")),
            "customer");
  }

  @BeforeEach
  void setUp() throws Exception {
    api = new BillingApi(mvc);
    account = api.account("EUR", "de-DE");
    TestAccess.GRANTS.grant(ALICE, account.toString());
  }

  private ResultActions putBillTo(String token, String email) throws Exception {
    return mvc.perform(
        put("/accounts/" + account + "/contacts/bill-to")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(CONTACT.formatted(email)));
  }

  @Test
  void givenImpersonatingAdmin_whenChangingTheBillingEmail_thenRefusedAndNothingChanges()
      throws Exception {
    putBillTo(alice(), "ap@acme.example").andExpect(status().isOk());
    putBillTo(adaAsAlice(), "attacker@example.com")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-while-impersonating"));
    assertThat(
            jdbc.sql("SELECT email FROM account_contact WHERE account_id = :a AND role = 'bill_to'")
                .param("a", account)
                .query(String.class)
                .single())
        .isEqualTo("ap@acme.example");
    // the customer herself still may
    putBillTo(alice(), "ap2@acme.example").andExpect(status().isOk());
  }

  @Test
  void givenImpersonatingAdmin_whenEditingOtherContactFields_thenTheRowRecordsBothUsers()
      throws Exception {
    putBillTo(alice(), "ap@acme.example").andExpect(status().isOk());
    putBillTo(adaAsAlice(), "ap@acme.example").andExpect(status().isOk());
    var row =
        jdbc.sql(
                "SELECT updated_by, acting_admin FROM account_contact WHERE account_id = :a AND role = 'bill_to'")
            .param("a", account)
            .query()
            .singleRow();
    assertThat(row).containsEntry("updated_by", "alice").containsEntry("acting_admin", ADA);
  }

  @Test
  void givenImpersonatingAdmin_whenAddingOrRemovingAPaymentMethod_thenRefused() throws Exception {
    UUID card = api.savedCard(alice(), account, BillingApi.VISA_OK);
    api.addCard(adaAsAlice(), account, "5555555555554444")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-while-impersonating"));
    mvc.perform(
            delete("/accounts/" + account + "/payment-methods/" + card)
                .header("Authorization", adaAsAlice()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-while-impersonating"));
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM payment_method WHERE account_id = :a AND removed_at IS NULL")
                .param("a", account)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void givenImpersonatingAdmin_whenPaying_thenThePaymentRecordsBothUsers() throws Exception {
    api.invoice(account, "2026-01-01", "100.00");
    api.savedCard(alice(), account, BillingApi.VISA_OK);
    api.pay(adaAsAlice(), account, "imp-1", "{\"amount\":\"40.00\",\"currency\":\"EUR\"}")
        .andExpect(status().isCreated());
    var row =
        jdbc.sql("SELECT created_by, acting_admin FROM payment WHERE account_id = :a")
            .param("a", account)
            .query()
            .singleRow();
    assertThat(row).containsEntry("created_by", "alice").containsEntry("acting_admin", ADA);
  }
}
