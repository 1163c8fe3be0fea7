package io.peakhub.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.platform.testing.TestJwts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class InvoiceApiTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;
  static final JsonMapper JSON = JsonMapper.builder().build();
  static int seq = 500;

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  static final String ALICE_TOKEN = "Bearer " + TestJwts.token(ALICE, "alice", "customer");
  static final String BOB_TOKEN = "Bearer " + TestJwts.token(BOB, "bob", "customer");

  UUID account;
  UUID bobsAccount;

  /** Named after its number: account names are unique. */
  private UUID newAccount(String currency, String locale) throws Exception {
    UUID id = UUID.randomUUID();
    int n = ++seq;
    mvc.perform(
            put("/admin/accounts/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\"A-%06d\",\"name\":\"Globex GmbH %d\",\"currency\":\"%s\",\"status\":\"active\",\"locale\":\"%s\"}"
                        .formatted(n, n, currency, locale)))
        .andExpect(status().isOk());
    return id;
  }

  private ResultActions issue(UUID acc, String number, String date, String lines) throws Exception {
    return mvc.perform(
        put("/admin/accounts/" + acc + "/invoices/" + number)
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"invoiceDate\":\""
                    + date
                    + "\",\"dueDate\":\""
                    + date
                    + "\",\"lines\":"
                    + lines
                    + "}"));
  }

  private String invoiceId(UUID acc, String number) {
    return jdbc.sql("SELECT id FROM invoice WHERE account_id = :a AND number = :n")
        .param("a", acc)
        .param("n", number)
        .query(UUID.class)
        .single()
        .toString();
  }

  /**
   * The invoices here fall due from 2026-01-01 to 2026-05-01: the clock is pinned after them, so
   * they are overdue on any day.
   */
  @BeforeEach
  void accounts() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 1));
    account = newAccount("EUR", "de-DE");
    bobsAccount = newAccount("USD", "en-US");
    GRANTS.grant(ALICE, account.toString());
    GRANTS.grant(BOB, bobsAccount.toString());
    new io.peakhub.billing.BillingApi(mvc)
        .savedCard(ALICE_TOKEN, account, io.peakhub.billing.BillingApi.VISA_OK);
  }

  @Test
  void anAdminDeactivatingAnAccountWithoutALocaleKeepsTheAccountsOwnLocale() throws Exception {
    UUID id = newAccount("EUR", "de-DE");
    String number =
        jdbc.sql("SELECT number FROM billing_account WHERE id = :id")
            .param("id", id)
            .query(String.class)
            .single();
    mvc.perform(
            put("/admin/accounts/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\"%s\",\"name\":\"Globex AG %s\",\"currency\":\"EUR\",\"status\":\"inactive\"}"
                        .formatted(number, number)))
        .andExpect(status().isOk());
    assertThat(
            jdbc.sql(
                    "SELECT name || ' ' || status || ' ' || locale FROM billing_account WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("Globex AG " + number + " inactive de-DE");
    mvc.perform(
            put("/admin/accounts/" + id)
                .header("Authorization", ALICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\"%s\",\"name\":\"Mine now\",\"currency\":\"EUR\",\"status\":\"active\"}"
                        .formatted(number)))
        .andExpect(status().isForbidden());
  }

  @Test
  void linesArePricedWithTaxRoundedPerLineAndTheInvoiceShowsThem() throws Exception {
    String number = "INV-2026-%06d".formatted(++seq);
    issue(
            account,
            number,
            "2026-03-01",
            """
        [{"description":"Analytics seats","quantity":3,"unitPrice":"33.333","taxRate":19},
         {"description":"Workshop","quantity":1,"unitPrice":"100","taxRate":0}]""")
        .andExpect(status().isOk())
        // 3 x 33.333 = 99.999 -> 100.00, tax 19 % of the rounded amount = 19.00, plus the
        // workshop's 100.00
        .andExpect(jsonPath("$.invoice.amount").value(219.00));
    mvc.perform(
            get("/accounts/" + account + "/invoices/" + invoiceId(account, number))
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.lines.length()").value(2))
        .andExpect(jsonPath("$.lines[0].amount").value(100.00))
        .andExpect(jsonPath("$.lines[0].tax").value(19.00))
        .andExpect(jsonPath("$.invoice.status").value("overdue"));
  }

  @Test
  void historyIsKeysetPagedSortedAndFiltered() throws Exception {
    String[] amounts = {"10", "50", "30", "20", "40"};
    for (int i = 0; i < amounts.length; i++) {
      issue(
              account,
              "INV-2026-%06d".formatted(++seq),
              "2026-0" + (i + 1) + "-01",
              "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"" + amounts[i] + "\"}]")
          .andExpect(status().isOk());
    }
    List<Double> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      String body =
          mvc.perform(
                  get("/accounts/" + account + "/invoices")
                      .param("sort", "amount,asc")
                      .param("limit", "2")
                      .param("after", after == null ? "" : after)
                      .header("Authorization", ALICE_TOKEN))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsString();
      JsonNode page = JSON.readTree(body);
      page.get("items").forEach(i -> seen.add(i.get("amount").asDouble()));
      after = page.get("next").isNull() ? null : page.get("next").asString();
      pages++;
    } while (after != null);
    assertThat(seen).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0);
    assertThat(pages).isEqualTo(3);

    mvc.perform(
            get("/accounts/" + account + "/invoices")
                .param("from", "2026-02-01")
                .param("to", "2026-03-31")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.items[*].amount").value(Matchers.contains(30.0, 50.0)));

    mvc.perform(
            post("/accounts/" + account + "/payments")
                .header("Authorization", ALICE_TOKEN)
                .header("Idempotency-Key", "pay-first")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"10.00\",\"currency\":\"EUR\"}"))
        .andExpect(status().isCreated());
    mvc.perform(
            get("/accounts/" + account + "/invoices")
                .param("status", "paid")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.items.length()").value(1))
        .andExpect(jsonPath("$.items[0].amount").value(10.0));
    mvc.perform(
            get("/accounts/" + account + "/invoices")
                .param("status", "overdue")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.items.length()").value(4));
  }

  @Test
  void pdfCarriesTheAccountLinesTotalsAndBalanceInTheAccountsLocale() throws Exception {
    String number = "INV-2026-%06d".formatted(++seq);
    issue(
            account,
            number,
            "2026-04-15",
            """
        [{"description":"Peak Analytics Standard","quantity":2,"unitPrice":"617.25","taxRate":19}]""")
        .andExpect(status().isOk());
    byte[] pdf =
        mvc.perform(
                get("/accounts/" + account + "/invoices/" + invoiceId(account, number) + "/pdf")
                    .header("Authorization", ALICE_TOKEN))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsByteArray();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains("Invoice " + number)
          .contains("Globex GmbH")
          .contains("Peak Analytics Standard")
          .contains("1.234,50 €")
          .contains("234,56 €")
          .contains("Total: 1.469,06 €")
          .contains("Balance due: 1.469,06 €")
          .contains("Status: Overdue")
          .contains("15.04.2026");
    }
  }

  @Test
  void anotherCustomerCannotListReadOrDownloadAndIdsOfAnotherAccountAreNotFound() throws Exception {
    String number = "INV-2026-%06d".formatted(++seq);
    issue(
        account,
        number,
        "2026-04-15",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"5\"}]");
    String id = invoiceId(account, number);
    mvc.perform(get("/accounts/" + account + "/invoices").header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(get("/accounts/" + account + "/invoices/" + id).header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/accounts/" + account + "/invoices/" + id + "/pdf")
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    // Bob's own account id with Alice's invoice id: still not found
    mvc.perform(
            get("/accounts/" + bobsAccount + "/invoices/" + id).header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/accounts/" + bobsAccount + "/invoices/" + id + "/pdf")
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sort|price,asc",
        "sort|amount,sideways",
        "limit|0",
        "limit|-5",
        "limit|101",
        "limit|1000000",
        "after|!!!",
        "status|lost",
        "limit|abc",
        "size|0",
        "size|-1",
        "size|1000",
        "size|25"
      })
  void badListParametersAre400ProblemsNamingTheParameter(String name, String value)
      throws Exception {
    mvc.perform(
            get("/accounts/" + account + "/invoices")
                .param(name, value)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.field").value(name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"limit|0", "limit|-1", "limit|101", "size|0", "size|-1", "size|1000", "size|10"})
  void paymentHistoryPagesWithTheSameLimitAsInvoices(String name, String value) throws Exception {
    mvc.perform(
            get("/accounts/" + account + "/payments")
                .param(name, value)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.field").value(name));
  }

  @ParameterizedTest
  @CsvSource({"invoices", "payments"})
  void aHundredIsTheLargestPageBothListsAccept(String list) throws Exception {
    mvc.perform(
            get("/accounts/" + account + "/" + list)
                .param("limit", "100")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isOk());
    mvc.perform(
            get("/accounts/" + account + "/" + list)
                .param("limit", "101")
                .header("Authorization", ALICE_TOKEN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("'limit' must be from 1 to 100."));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|lines",
        "[{\"description\":\"x\",\"quantity\":0,\"unitPrice\":\"1\"}]|lines[0].quantity",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"-1\"}]|lines[0].unitPrice",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"1\",\"taxRate\":101}]|lines[0].taxRate",
        "[{\"description\":\"\",\"quantity\":1,\"unitPrice\":\"1\"}]|lines[0].description"
      })
  void badLinesAre400AndNoInvoiceIsWritten(String lines, String field) throws Exception {
    String number = "INV-2026-%06d".formatted(++seq);
    issue(account, number, "2026-04-15", lines)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(
            jdbc.sql("SELECT count(*) FROM invoice WHERE number = :n")
                .param("n", number)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void paymentHistoryListsPaymentsWithTheInvoicesTheyPaidAndRefusesOthers() throws Exception {
    String number = "INV-2026-%06d".formatted(++seq);
    issue(
        account,
        number,
        "2026-04-15",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"80\"}]");
    String body =
        mvc.perform(
                post("/accounts/" + account + "/payments")
                    .header("Authorization", ALICE_TOKEN)
                    .header("Idempotency-Key", "hist-1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"amount\":\"30.00\",\"currency\":\"EUR\",\"invoices\":[{\"invoiceId\":\""
                            + invoiceId(account, number)
                            + "\",\"amount\":\"30.00\"}]}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String paymentId = JSON.readTree(body).get("id").asString();
    mvc.perform(get("/accounts/" + account + "/payments").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.items[0].id").value(paymentId))
        .andExpect(jsonPath("$.items[0].status").value("succeeded"))
        .andExpect(jsonPath("$.items[0].invoices[0].number").value(number))
        .andExpect(jsonPath("$.items[0].invoices[0].amount").value(30.0));
    mvc.perform(
            get("/accounts/" + account + "/payments/" + paymentId)
                .header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.invoices[0].number").value(number))
        .andExpect(jsonPath("$.invoices[0].amount").value(30.0));
    mvc.perform(get("/accounts/" + account + "/payments").header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/accounts/" + account + "/payments/" + paymentId)
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
    mvc.perform(
            get("/accounts/" + bobsAccount + "/payments/" + paymentId)
                .header("Authorization", BOB_TOKEN))
        .andExpect(status().isNotFound());
  }

  @Test
  void eachListedPaymentNamesTheInvoicesItPaidOldestDueFirstInvoicesOrNoneForCredit()
      throws Exception {
    String older = "INV-2026-%06d".formatted(++seq);
    String newer = "INV-2026-%06d".formatted(++seq);
    issue(
        account,
        older,
        "2026-02-01",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"80\"}]");
    issue(
        account,
        newer,
        "2026-03-01",
        "[{\"description\":\"x\",\"quantity\":1,\"unitPrice\":\"50\"}]");
    String both = pay("both", "100.00"); // 80 to the older, 20 to the newer
    String rest = pay("rest", "30.00"); // the newer's last 30
    String credit = pay("credit", "5.00"); // nothing open: all of it to credit, as asked
    mvc.perform(get("/accounts/" + account + "/payments").header("Authorization", ALICE_TOKEN))
        .andExpect(jsonPath("$.items.length()").value(3))
        .andExpect(jsonPath("$.items[0].id").value(credit))
        .andExpect(jsonPath("$.items[0].invoices.length()").value(0))
        .andExpect(jsonPath("$.items[1].id").value(rest))
        .andExpect(jsonPath("$.items[1].invoices[0].number").value(newer))
        .andExpect(jsonPath("$.items[1].invoices[0].amount").value(30.0))
        .andExpect(jsonPath("$.items[2].id").value(both))
        .andExpect(jsonPath("$.items[2].invoices.length()").value(2))
        .andExpect(jsonPath("$.items[2].invoices[0].number").value(older))
        .andExpect(jsonPath("$.items[2].invoices[0].amount").value(80.0))
        .andExpect(jsonPath("$.items[2].invoices[1].number").value(newer))
        .andExpect(jsonPath("$.items[2].invoices[1].amount").value(20.0));
  }

  /** A payment a minute after the last, so the history's newest-first order is theirs. */
  private String pay(String key, String amount) throws Exception {
    TestClock.CLOCK.advance(Duration.ofMinutes(1));
    String body =
        mvc.perform(
                post("/accounts/" + account + "/payments")
                    .header("Authorization", ALICE_TOKEN)
                    .header("Idempotency-Key", key)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"amount\":\""
                            + amount
                            + "\",\"currency\":\"EUR\",\"overpayToCredit\":true}"))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JSON.readTree(body).get("id").asString();
  }
}
