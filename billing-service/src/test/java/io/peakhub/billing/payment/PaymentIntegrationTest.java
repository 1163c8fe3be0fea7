package io.peakhub.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
class PaymentIntegrationTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  UUID acme;
  UUID firstInvoice;
  UUID secondInvoice;
  BillingApi api;

  @BeforeEach
  void anAccountWithTwoOpenInvoicesAndASavedCard() throws Exception {
    api = new BillingApi(mvc);
    acme = api.account("USD", "en-US");
    firstInvoice = api.invoice(acme, "2026-01-01", "100.00");
    secondInvoice = api.invoice(acme, "2026-02-01", "50.00");
    GRANTS.grant(ALICE, acme.toString());
    GRANTS.grant(BOB, UUID.randomUUID().toString());
    api.savedCard(ALICE_TOKEN, acme, BillingApi.VISA_OK);
  }

  private ResultActions pay(String token, UUID account, String key, String body) throws Exception {
    return api.pay(token, account, key, body);
  }

  private int payments() {
    return jdbc.sql("SELECT count(*) FROM payment WHERE account_id = :a")
        .param("a", acme)
        .query(Integer.class)
        .single();
  }

  private List<String> eventTypes() {
    return jdbc.sql("SELECT type FROM outbox_event WHERE message_key = :a ORDER BY seq")
        .param("a", acme.toString())
        .query(String.class)
        .list();
  }

  @Test
  void customerPaysOldestInvoiceFirstAndTheSummaryShowsTheNewBalance() throws Exception {
    mvc.perform(get("/accounts/" + acme + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.balance").value(150.00))
        .andExpect(jsonPath("$.name").value(startsWith("Globex GmbH A-")));

    pay(ALICE_TOKEN, acme, "k-1", "{\"amount\":\"120.00\",\"currency\":\"USD\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.allocations.length()").value(2))
        .andExpect(jsonPath("$.allocations[0].amount").value(100.00))
        .andExpect(jsonPath("$.allocations[1].amount").value(20.00));

    mvc.perform(get("/accounts/" + acme + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.balance").value(30.00))
        .andExpect(jsonPath("$.lastPaymentAmount").value(120.00));
    assertThat(eventTypes()).endsWith("InvoicePaid.v1", "PaymentSucceeded.v1", "BalanceChanged.v1");
  }

  @Test
  void overpaymentGoesToCreditBalance() throws Exception {
    pay(ALICE_TOKEN, acme, "k-over-refused", "{\"amount\":\"175.50\",\"currency\":\"USD\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("amount"));
    pay(
            ALICE_TOKEN,
            acme,
            "k-over",
            "{\"amount\":\"175.50\",\"currency\":\"USD\",\"overpayToCredit\":true}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.toCredit").value(25.50));
    mvc.perform(get("/accounts/" + acme + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.balance").value(0))
        .andExpect(jsonPath("$.creditBalance").value(25.50));
  }

  @Test
  void anotherCustomerCannotReadTheSummaryNorPay() throws Exception {
    mvc.perform(get("/accounts/" + acme + "/summary").header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    pay(BOB_TOKEN, acme, "k-bob", "{\"amount\":\"10.00\",\"currency\":\"USD\"}")
        .andExpect(status().isNotFound());
    assertThat(payments()).isZero();
  }

  @Test
  void customerCannotUseAdminApis() throws Exception {
    mvc.perform(
            put("/admin/accounts/" + acme + "/invoices/" + api.nextInvoiceNumber())
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"invoiceDate\":\"2026-01-01\",\"dueDate\":\"2026-01-01\",\"lines\":[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"1.00\"}]}"))
        .andExpect(status().isForbidden());
  }

  @Test
  void retryWithTheSameKeyReplaysTheFirstAnswer() throws Exception {
    String first =
        pay(ALICE_TOKEN, acme, "k-retry", "{\"amount\":\"10.00\",\"currency\":\"USD\"}")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = first.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    pay(ALICE_TOKEN, acme, "k-retry", "{\"amount\":10,\"currency\":\"USD\"}")
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.id").value(id));
    assertThat(payments()).isEqualTo(1);
  }

  @Test
  void sameKeyWithADifferentBodyIsRefused() throws Exception {
    pay(ALICE_TOKEN, acme, "k-diff", "{\"amount\":\"10.00\",\"currency\":\"USD\"}")
        .andExpect(status().isCreated());
    pay(ALICE_TOKEN, acme, "k-diff", "{\"amount\":\"11.00\",\"currency\":\"USD\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/idempotency-key-reused"));
    assertThat(payments()).isEqualTo(1);
  }

  @Test
  void fiftyConcurrentRequestsWithOneKeyChargeOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(
          () ->
              pay(ALICE_TOKEN, acme, "k-race", "{\"amount\":\"5.00\",\"currency\":\"USD\"}")
                  .andReturn()
                  .getResponse()
                  .getStatus());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : pool.invokeAll(calls)) {
      statuses.add(f.get());
    }
    pool.shutdown();
    assertThat(statuses).containsOnly(200, 201);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(payments()).isEqualTo(1);
    assertThat(eventTypes().stream().filter("PaymentSucceeded.v1"::equals)).hasSize(1);
    // and one charge at the processor, under the payment's own key
    assertThat(
            jdbc.sql(
                    """
            SELECT count(*) FROM sandbox_charge c JOIN payment p ON c.idempotency_key = 'peakhub-pay-' || p.id
            WHERE p.account_id = :a""")
                .param("a", acme)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "k-zero|{\"amount\":\"0\",\"currency\":\"USD\"}|amount",
        "k-neg|{\"amount\":\"-5.00\",\"currency\":\"USD\"}|amount",
        "k-dec|{\"amount\":\"1.001\",\"currency\":\"USD\"}|amount",
        "k-cur|{\"amount\":\"1.00\",\"currency\":\"EUR\"}|currency",
        "|{\"amount\":\"1.00\",\"currency\":\"USD\"}|Idempotency-Key",
        "k-miss|{\"currency\":\"USD\"}|amount"
      })
  void badPaymentsAre400NamingTheFieldAndWriteNothing(String key, String body, String field)
      throws Exception {
    int events = eventTypes().size();
    pay(ALICE_TOKEN, acme, key, body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(payments()).isZero();
    assertThat(eventTypes()).hasSize(events);
  }

  @Test
  void malformedAccountIdAndUnknownFieldsAre400() throws Exception {
    mvc.perform(get("/accounts/12345/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("accountId"));
    pay(
            ALICE_TOKEN,
            acme,
            "k-x",
            "{\"amount\":\"1.00\",\"currency\":\"USD\",\"accountId\":\""
                + UUID.randomUUID()
                + "\"}")
        .andExpect(status().isBadRequest());
    assertThat(payments()).isZero();
  }

  @Test
  void inactiveAccountTakesNoPayments() throws Exception {
    String number =
        jdbc.sql("SELECT number FROM billing_account WHERE id = :a")
            .param("a", acme)
            .query(String.class)
            .single();
    mvc.perform(
            put("/admin/accounts/" + acme)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\""
                        + number
                        + "\",\"name\":\"Acme "
                        + number
                        + "\",\"currency\":\"USD\",\"status\":\"inactive\"}"))
        .andExpect(status().isOk());
    pay(ALICE_TOKEN, acme, "k-inactive", "{\"amount\":\"1.00\",\"currency\":\"USD\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/account-inactive"));
    mvc.perform(get("/accounts/" + acme + "/summary").header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("inactive"));
  }
}
