package io.peakhub.billing.paymentmethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.billing.subscription.ActiveSubscriptions;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@ServiceTest
class PaymentMethodsAndGatewayTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired ActiveSubscriptions subscriptions;

  BillingApi api;
  UUID account;
  UUID bobsAccount;

  /**
   * The cards here expire in 2030 (and 2020): pinned to a day when the first are valid and the
   * others expired.
   */
  @BeforeEach
  void setUp() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 1));
    api = new BillingApi(mvc);
    account = api.account("USD", "en-US");
    bobsAccount = api.account("USD", "en-US");
    GRANTS.grant(ALICE, account.toString());
    GRANTS.grant(BOB, bobsAccount.toString());
  }

  private List<String> events() {
    return jdbc.sql("SELECT type FROM outbox_event WHERE message_key = :a ORDER BY seq")
        .param("a", account.toString())
        .query(String.class)
        .list();
  }

  private int paymentRows() {
    return jdbc.sql("SELECT count(*) FROM payment WHERE account_id = :a")
        .param("a", account)
        .query(Integer.class)
        .single();
  }

  @Test
  void savedCardsShowBrandLast4AndExpiryButNeverTheToken() throws Exception {
    UUID first = api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    UUID second = api.savedCard(ALICE_TOKEN, account, "5555555555554444");
    String body =
        mvc.perform(
                get("/accounts/" + account + "/payment-methods")
                    .header("Authorization", ALICE_TOKEN))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.length()").value(2))
            .andExpect(jsonPath("$[0].id").value(first.toString()))
            .andExpect(jsonPath("$[0].isDefault").value(true))
            .andExpect(jsonPath("$[0].brand").value("visa"))
            .andExpect(jsonPath("$[0].last4").value("4242"))
            .andExpect(jsonPath("$[1].brand").value("mastercard"))
            .andExpect(jsonPath("$[1].expired").value(false))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(body).doesNotContain("tok_").doesNotContain("4242424242424242");

    mvc.perform(
            post("/accounts/" + account + "/payment-methods/" + second + "/default")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.isDefault").value(true));
    mvc.perform(
            delete("/accounts/" + account + "/payment-methods/" + second)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isNoContent());
    mvc.perform(
            get("/accounts/" + account + "/payment-methods").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.length()").value(1))
        .andExpect(jsonPath("$[0].isDefault").value(true));
    assertThat(events())
        .containsSubsequence(
            "PaymentMethodChanged.v1",
            "PaymentMethodChanged.v1",
            "PaymentMethodChanged.v1",
            "PaymentMethodChanged.v1");
  }

  /**
   * SubscriptionUpdated.v1 with the body subscription-service publishes
   * (SubscriptionEvents.SubscriptionUpdated).
   */
  private void subscriptionUpdated(String number, String status) {
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("id", UUID.randomUUID());
    body.put("accountId", account);
    body.put("number", number);
    body.put("planName", "Peak Analytics Pro");
    body.put("quantity", 3);
    body.put("status", status);
    body.put("startDate", "2026-03-01");
    var event =
        new EventEnvelope(
            UUID.randomUUID(),
            "SubscriptionUpdated.v1",
            Instant.now(),
            account.toString(),
            EventJson.tree(body));
    new org.springframework.transaction.support.TransactionTemplate(txManager)
        .executeWithoutResult(s -> subscriptions.on(EventJson.write(event)));
  }

  @ParameterizedTest(name = "a {0} subscription keeps the last method")
  @CsvSource({"trial", "active", "paused"})
  void theLastMethodCannotBeRemovedWhileASubscriptionWillBeChargedAgain(String status)
      throws Exception {
    UUID only = api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    subscriptionUpdated("SUB-000001", "cancelled");
    subscriptionUpdated("SUB-000002", status);
    mvc.perform(
            delete("/accounts/" + account + "/payment-methods/" + only)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/payment-method-required"));
  }

  @ParameterizedTest(name = "a subscription that became {0} lets the last method go")
  @CsvSource({"cancelled", "expired"})
  void theLastMethodCanBeRemovedOnceNoSubscriptionWillBeChargedAgain(String status)
      throws Exception {
    UUID only = api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    subscriptionUpdated("SUB-000003", "active");
    subscriptionUpdated("SUB-000003", status);
    mvc.perform(
            delete("/accounts/" + account + "/payment-methods/" + only)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isNoContent());
  }

  @Autowired org.springframework.transaction.PlatformTransactionManager txManager;

  @Test
  void anotherCustomerCannotListAddChangeOrRemoveMethods() throws Exception {
    UUID card = api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    mvc.perform(get("/accounts/" + account + "/payment-methods").header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    api.addCard(BOB_TOKEN, account, BillingApi.VISA_OK).andExpect(status().isNotFound());
    mvc.perform(
            post("/accounts/" + account + "/payment-methods/" + card + "/default")
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(
            delete("/accounts/" + account + "/payment-methods/" + card)
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    // Bob's own account with Alice's card id
    mvc.perform(
            delete("/accounts/" + bobsAccount + "/payment-methods/" + card)
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    api.savedCard(BOB_TOKEN, bobsAccount, BillingApi.VISA_OK);
    api.pay(
            BOB_TOKEN,
            bobsAccount,
            "bob-uses-alices-card",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"paymentMethodId\":\""
                + card
                + "\",\"overpayToCredit\":true}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("paymentMethodId"));
  }

  @Test
  void bankAccountsNeedAValidIban() throws Exception {
    mvc.perform(
            post("/accounts/" + account + "/payment-methods")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"type\":\"bank_account\",\"holder\":\"Acme\",\"iban\":\"DE89 3704 0044 0532 0130 00\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.last4").value("3000"));
    mvc.perform(
            post("/accounts/" + account + "/payment-methods")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"type\":\"bank_account\",\"holder\":\"Acme\",\"iban\":\"DE89370400440532013001\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("iban"));
    mvc.perform(
            post("/accounts/" + account + "/payment-methods")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"card\",\"token\":\"tok_forged\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("token"));
  }

  @ParameterizedTest
  @CsvSource({
    "4242424242424241,12,2030,123,number",
    "4242424242424242,12,2020,123,expYear",
    "4242424242424242,12,2030,12,cvc",
    "4242424242424242,13,2030,123,expMonth"
  })
  void sandboxTokenizationRefusesBadCardsWithoutEchoingTheNumber(
      String number, int month, int year, String cvc, String field) throws Exception {
    mvc.perform(
            post("/sandbox/tokens")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\""
                        + number
                        + "\",\"expMonth\":"
                        + month
                        + ",\"expYear\":"
                        + year
                        + ",\"cvc\":\""
                        + cvc
                        + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field))
        .andExpect(content().string(Matchers.not(Matchers.containsString(number))));
  }

  @ParameterizedTest
  @CsvSource({
    BillingApi.DECLINED + ",402,card-declined,card_declined,DECLINED",
    BillingApi.INSUFFICIENT + ",402,insufficient-funds,insufficient_funds,INSUFFICIENT_FUNDS"
  })
  void aRefusedChargeIsAFailedPaymentWithNothingChargedAnsweredAsAProblemAndReplayedOnRetry(
      String card, int status, String slug, String reason, String processorOutcome)
      throws Exception {
    UUID invoice = api.invoice(account, "2026-05-01", "80.00");
    api.savedCard(ALICE_TOKEN, account, card);
    String body = "{\"amount\":\"80.00\",\"currency\":\"USD\"}";
    api.pay(ALICE_TOKEN, account, "fail-1", body)
        .andExpect(status().is(status))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/" + slug));
    api.pay(ALICE_TOKEN, account, "fail-1", body).andExpect(status().is(status));
    assertThat(paymentRows()).isEqualTo(1);
    assertThat(
            jdbc.sql("SELECT status || ':' || failure_reason FROM payment WHERE account_id = :a")
                .param("a", account)
                .query(String.class)
                .single())
        .isEqualTo("failed:" + reason);
    assertThat(
            jdbc.sql("SELECT balance FROM invoice WHERE id = :i")
                .param("i", invoice)
                .query(java.math.BigDecimal.class)
                .single())
        .isEqualByComparingTo("80.00");
    assertThat(events()).endsWith("PaymentFailed.v1");
    assertThat(events()).doesNotContain("PaymentSucceeded.v1");
    // the processor answered the one attempt it got with a refusal: nothing was taken
    assertThat(
            jdbc.sql(
                    """
            SELECT c.outcome FROM sandbox_charge c JOIN payment p ON c.idempotency_key = 'peakhub-pay-' || p.id
            WHERE p.account_id = :a""")
                .param("a", account)
                .query(String.class)
                .list())
        .containsExactly(processorOutcome);
  }

  @Test
  void aNewCardCanPayOnceWithoutBeingSavedAndBadOneOffCardsAreRefused() throws Exception {
    api.invoice(account, "2026-06-01", "15.00");
    String token = api.cardToken(ALICE_TOKEN, "5555555555554444");
    api.pay(
            ALICE_TOKEN,
            account,
            "one-off",
            "{\"amount\":\"15.00\",\"currency\":\"USD\",\"cardToken\":\"" + token + "\"}")
        .andExpect(status().isCreated());
    assertThat(
            jdbc.sql("SELECT method_label FROM payment WHERE account_id = :a")
                .param("a", account)
                .query(String.class)
                .single())
        .isEqualTo("mastercard •••• 4444");
    assertThat(
            jdbc.sql("SELECT count(*) FROM payment_method WHERE account_id = :a")
                .param("a", account)
                .query(Integer.class)
                .single())
        .isZero();
    api.pay(
            ALICE_TOKEN,
            account,
            "forged",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"cardToken\":\"tok_forged\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("cardToken"));
    UUID saved = api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    api.pay(
            ALICE_TOKEN,
            account,
            "both",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"cardToken\":\""
                + token
                + "\",\"paymentMethodId\":\""
                + saved
                + "\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("cardToken"));
    assertThat(paymentRows()).isEqualTo(1);
  }

  @Test
  void anOversizeBodyIs413AndWritesNothing() throws Exception {
    api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    api.pay(
            ALICE_TOKEN,
            account,
            "huge",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"cardToken\":\""
                + "x".repeat(70_000)
                + "\"}")
        .andExpect(status().isContentTooLarge());
    assertThat(paymentRows()).isZero();
  }

  @Test
  void payingChosenInvoicesInPartKeepsWhatIsLeftAsCredit() throws Exception {
    api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    UUID older = api.invoice(account, "2026-01-01", "100.00");
    UUID newer = api.invoice(account, "2026-02-01", "60.00");
    api.pay(
            ALICE_TOKEN,
            account,
            "chosen",
            "{\"amount\":\"70.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + newer
                + "\",\"amount\":\"60.00\"}],\"overpayToCredit\":true}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.allocations.length()").value(1))
        .andExpect(jsonPath("$.toCredit").value(10.00));
    assertThat(events())
        .containsSubsequence("InvoicePaid.v1", "PaymentSucceeded.v1", "BalanceChanged.v1");

    api.pay(
            ALICE_TOKEN,
            account,
            "too-much",
            "{\"amount\":\"150.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + older
                + "\",\"amount\":\"150.00\"}]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].amount"));
    api.pay(
            ALICE_TOKEN,
            account,
            "foreign",
            "{\"amount\":\"5.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + api.invoice(bobsAccount, "2026-01-01", "5.00")
                + "\",\"amount\":\"5.00\"}]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].invoiceId"));

    assertThat(paymentRows()).isEqualTo(1);
  }

  @Test
  void voidingAnUnpaidInvoiceRemovesItFromTheBalanceAndAPaidOneCannotBeVoided() throws Exception {
    api.savedCard(ALICE_TOKEN, account, BillingApi.VISA_OK);
    UUID unpaid = api.invoice(account, "2026-03-01", "40.00");
    UUID paid = api.invoice(account, "2026-01-01", "25.00");
    api.pay(
            ALICE_TOKEN,
            account,
            "pay-old",
            "{\"amount\":\"25.00\",\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
                + paid
                + "\",\"amount\":\"25.00\"}]}")
        .andExpect(status().isCreated());
    String voidBody = "{\"reason\":\"issued twice\"}";
    mvc.perform(
            post("/admin/accounts/" + account + "/invoices/" + unpaid + "/void")
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(voidBody))
        .andExpect(status().isForbidden());
    mvc.perform(
            post("/admin/accounts/" + account + "/invoices/" + unpaid + "/void")
                .header("Authorization", BillingApi.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(voidBody))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("void"));
    mvc.perform(
            post("/admin/accounts/" + account + "/invoices/" + paid + "/void")
                .header("Authorization", BillingApi.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(voidBody))
        .andExpect(status().isConflict());
    mvc.perform(get("/accounts/" + account + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.balance").value(0));
    assertThat(events()).contains("InvoiceVoided.v1");
  }
}
