package io.peakhub.billing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.TestClock;
import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test data through billing's own API: accounts, invoices, saved cards, payments. */
public final class BillingApi {

  public static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  public static final String VISA_OK = "4242424242424242";
  public static final String DECLINED = "4000000000000002";
  public static final String INSUFFICIENT = "4000000000009995";

  /** Charged, but the answer is lost: the caller sees a timeout. */
  public static final String TIMEOUT = "4000000000000119";

  /** Charged at once, answered after peakhub.payments.sandbox.slow-delay. */
  public static final String SLOW = "4000000000003063";

  private static final AtomicInteger SEQ = new AtomicInteger(100 + (int) (Math.random() * 100_000));
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MockMvc mvc;

  public BillingApi(MockMvc mvc) {
    this.mvc = mvc;
  }

  public static JsonNode json(ResultActions result) throws Exception {
    return JSON.readTree(result.andReturn().getResponse().getContentAsString());
  }

  /** A new active account named after its number ("Globex GmbH A-000123"): names are unique. */
  public UUID account(String currency, String locale) throws Exception {
    UUID id = UUID.randomUUID();
    String number = "A-%06d".formatted(SEQ.incrementAndGet() % 1_000_000);
    mvc.perform(
            put("/admin/accounts/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"number\":\"%s\",\"name\":\"Globex GmbH %s\",\"currency\":\"%s\",\"status\":\"active\",\"locale\":\"%s\"}"
                        .formatted(number, number, currency, locale)))
        .andExpect(status().isOk());
    return id;
  }

  /** A fresh account number, from the same sequence as {@link #account}'s. */
  public static String nextAccountNumber() {
    return "A-%06d".formatted(SEQ.incrementAndGet() % 1_000_000);
  }

  public String nextInvoiceNumber() {
    return "INV-2026-%06d".formatted(SEQ.incrementAndGet() % 1_000_000);
  }

  /** Issues a one-line invoice and answers its id. */
  public UUID invoice(UUID account, String date, String amount) throws Exception {
    return UUID.fromString(
        json(issue(
                    account,
                    nextInvoiceNumber(),
                    date,
                    "[{\"description\":\"Seats\",\"quantity\":1,\"unitPrice\":\"" + amount + "\"}]")
                .andExpect(status().isOk()))
            .get("invoice")
            .get("id")
            .asString());
  }

  public ResultActions issue(UUID account, String number, String date, String lines)
      throws Exception {
    return mvc.perform(
        put("/admin/accounts/" + account + "/invoices/" + number)
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

  /** Four years after the test clock's today: valid on whatever day the test runs or pins. */
  static int cardExpiryYear() {
    return TestClock.CLOCK.today().getYear() + 4;
  }

  public String cardToken(String token, String number) throws Exception {
    return json(mvc.perform(
                post("/sandbox/tokens")
                    .header("Authorization", token)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"number\":\""
                            + number
                            + "\",\"expMonth\":12,\"expYear\":"
                            + cardExpiryYear()
                            + ",\"cvc\":\"123\"}"))
            .andExpect(status().isOk()))
        .get("token")
        .asString();
  }

  public ResultActions addCard(String token, UUID account, String number) throws Exception {
    return mvc.perform(
        post("/accounts/" + account + "/payment-methods")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"type\":\"card\",\"token\":\"" + cardToken(token, number) + "\"}"));
  }

  public UUID savedCard(String token, UUID account, String number) throws Exception {
    return UUID.fromString(
        json(addCard(token, account, number).andExpect(status().isCreated())).get("id").asString());
  }

  public ResultActions pay(String token, UUID account, String key, String body) throws Exception {
    var request =
        post("/accounts/" + account + "/payments")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return mvc.perform(request);
  }
}
