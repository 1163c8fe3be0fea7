package io.peakhub.billing.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class CreditApplicationTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  BillingApi api;
  UUID account;
  UUID bobsAccount;
  UUID older;
  UUID newer;

  /**
   * Alice's account: two open invoices (100.00 and 60.00) and 30.00 of credit from an overpayment.
   */
  @BeforeEach
  void setUp() throws Exception {
    api = new BillingApi(mvc);
    account = api.account("USD", "en-US");
    bobsAccount = api.account("USD", "en-US");
    TestAccess.GRANTS.grant(ALICE, account.toString());
    TestAccess.GRANTS.grant(BOB, bobsAccount.toString());
    api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    older = api.invoice(account, "2026-01-01", "100.00");
    newer = api.invoice(account, "2026-02-01", "60.00");
    UUID paidOff = api.invoice(account, "2026-03-01", "20.00");
    api.pay(
            ALICE_TOKEN,
            account,
            "overpay",
            "{\"amount\":\"50.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + paidOff
                + "\",\"amount\":\"20.00\"}],\"overpayToCredit\":true}")
        .andExpect(status().isCreated());
  }

  private ResultActions apply(String token, UUID accountId, String key, String body)
      throws Exception {
    var request =
        post("/accounts/" + accountId + "/credit-applications")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mvc.perform(request);
  }

  private static String body(Object... invoiceAmounts) {
    StringBuilder sb = new StringBuilder("{\"currency\":\"USD\",\"invoices\":[");
    for (int i = 0; i < invoiceAmounts.length; i += 2) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"invoiceId\":\"")
          .append(invoiceAmounts[i])
          .append("\",\"amount\":\"")
          .append(invoiceAmounts[i + 1])
          .append("\"}");
    }
    return sb.append("]}").toString();
  }

  private Map<String, Object> state() {
    return jdbc.sql(
            """
            SELECT a.credit_balance AS credit,
                   (SELECT balance FROM invoice WHERE id = :o) AS older,
                   (SELECT balance FROM invoice WHERE id = :n) AS newer,
                   (SELECT count(*) FROM credit_application WHERE account_id = :a) AS applications
            FROM billing_account a WHERE a.id = :a""")
        .param("a", account)
        .param("o", older)
        .param("n", newer)
        .query()
        .singleRow();
  }

  private static BigDecimal dec(Object o) {
    return new BigDecimal(o.toString()).stripTrailingZeros();
  }

  @Test
  void creditPaysDownSeveralInvoicesOnceAndARetryOfTheKeyAnswersTheSameApplication()
      throws Exception {
    String request = body(older, "25.00", newer, "5.00");
    String first =
        apply(ALICE_TOKEN, account, "credit-1", request)
            .andExpect(status().isCreated())
            .andExpect(header().string("Idempotent-Replayed", "false"))
            .andExpect(jsonPath("$.amount").value(30.00))
            .andExpect(jsonPath("$.invoices.length()").value(2))
            .andExpect(jsonPath("$.invoices[0].number").isString())
            .andExpect(jsonPath("$.account.creditBalance").value(0))
            .andExpect(jsonPath("$.account.balance").value(130.00))
            .andReturn()
            .getResponse()
            .getContentAsString();
    apply(ALICE_TOKEN, account, "credit-1", request)
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(
            jsonPath("$.id")
                .value(
                    BillingApi.json(apply(ALICE_TOKEN, account, "credit-1", request))
                        .get("id")
                        .asText()));
    assertThat(first).contains("\"replayed\":false");
    Map<String, Object> after = state();
    assertThat(dec(after.get("credit"))).isEqualByComparingTo("0");
    assertThat(dec(after.get("older"))).isEqualByComparingTo("75");
    assertThat(dec(after.get("newer"))).isEqualByComparingTo("55");
    assertThat(after.get("applications")).isEqualTo(1L);
    assertThat(
            jdbc.sql(
                    "SELECT type FROM outbox_event WHERE message_key = :a ORDER BY seq DESC LIMIT 1")
                .param("a", account.toString())
                .query(String.class)
                .single())
        .isEqualTo("BalanceChanged.v1");

    apply(ALICE_TOKEN, account, "credit-1", body(older, "1.00"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("idempotency-key-reused")));
  }

  @Test
  void anInvoicePaidInFullByCreditIsAnnouncedAsPaidByCredit() throws Exception {
    UUID small = api.invoice(account, "2026-04-01", "12.50");
    apply(ALICE_TOKEN, account, "credit-full", body(small, "12.50"))
        .andExpect(status().isCreated());
    mvc.perform(
            get("/accounts/" + account + "/invoices/" + small).header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.invoice.balance").value(0))
        .andExpect(jsonPath("$.invoice.status").value("paid"));
    assertThat(
            jdbc.sql(
                    "SELECT payload::text FROM outbox_event WHERE type = 'InvoicePaid.v1' AND payload::text LIKE :i")
                .param("i", "%" + small + "%")
                .query(String.class)
                .single())
        .contains("\"lastPaymentId\":\"credit\"");
  }

  @Test
  void badRequestsAreRefusedWithTheFieldNamedAndChangeNothing() throws Exception {
    Map<String, Object> before = state();
    apply(ALICE_TOKEN, account, null, body(older, "1.00"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    apply(ALICE_TOKEN, account, "k1", body(older, "30.01"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices"));
    apply(ALICE_TOKEN, account, "k2", body(newer, "60.01"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].amount"));
    apply(ALICE_TOKEN, account, "k3", body(older, "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].amount"));
    apply(ALICE_TOKEN, account, "k4", body(older, "1.001"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].amount"));
    apply(ALICE_TOKEN, account, "k5", body(older, "1.00", older, "2.00"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[1].invoiceId"));
    apply(
            ALICE_TOKEN,
            account,
            "k6",
            "{\"currency\":\"EUR\",\"invoices\":[{\"invoiceId\":\""
                + older
                + "\",\"amount\":\"1\"}]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("currency"));
    apply(ALICE_TOKEN, account, "k7", "{\"currency\":\"USD\",\"invoices\":[]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices"));
    // the second line is bad: the first one is not applied either
    apply(ALICE_TOKEN, account, "k8", body(older, "10.00", newer, "99.00"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[1].amount"));
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void anotherAccountsInvoiceOrAccountIsRefused() throws Exception {
    UUID bobsInvoice = api.invoice(bobsAccount, "2026-01-01", "40.00");
    Map<String, Object> before = state();
    apply(ALICE_TOKEN, account, "foreign-invoice", body(bobsInvoice, "5.00"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].invoiceId"));
    apply(BOB_TOKEN, account, "foreign-account", body(older, "5.00"))
        .andExpect(status().isNotFound());
    assertThat(state()).isEqualTo(before);
    assertThat(
            jdbc.sql("SELECT balance FROM invoice WHERE id = :i")
                .param("i", bobsInvoice)
                .query(BigDecimal.class)
                .single())
        .isEqualByComparingTo("40");
  }

  @Test
  void anInactiveAccountRefusesCredit() throws Exception {
    jdbc.sql("UPDATE billing_account SET status = 'inactive' WHERE id = :a")
        .param("a", account)
        .update();
    apply(ALICE_TOKEN, account, "inactive", body(older, "5.00"))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("account-inactive")));
    assertThat(state().get("applications")).isEqualTo(0L);
  }

  @Test
  void anAdminLoggedInAsTheCustomerIsRecordedBesideTheCustomer() throws Exception {
    String ada = UUID.randomUUID().toString();
    String adaAsAlice =
        "Bearer "
            + TestJwts.token(
                ALICE,
                "alice",
                Map.of("impersonator", Map.of("id", ada, "username", "ada")),
                "customer");
    apply(adaAsAlice, account, "as-alice", body(older, "5.00")).andExpect(status().isCreated());
    assertThat(
            jdbc.sql(
                    "SELECT applied_by, acting_admin FROM credit_application WHERE account_id = :a")
                .param("a", account)
                .query()
                .singleRow())
        .containsEntry("applied_by", "alice")
        .containsEntry("acting_admin", ada);
  }
}
