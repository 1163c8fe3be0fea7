package io.peakhub.bff.screen;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.peakhub.bff.BillingStub.json;
import static io.peakhub.bff.BillingStub.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.peakhub.bff.BillingData;
import io.peakhub.bff.BillingStub;
import io.peakhub.bff.summary.SummaryRepository;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The screens of issue 9 against a stand-in billing (WireMock): one call per screen, pass-through,
 * access.
 */
@ServiceTest
class ScreensTest {

  @DynamicPropertySource
  static void billing(DynamicPropertyRegistry registry) {
    registry.add("peakhub.billing.url", BillingStub::url);
    registry.add("peakhub.downstream.minimum-calls", () -> "1000");
  }

  @Autowired MockMvc mvc;
  @Autowired SummaryRepository summaries;

  final String alice = UUID.randomUUID().toString();
  final String bob = UUID.randomUUID().toString();
  final String aliceToken = "Bearer " + TestJwts.token(alice, "alice", "customer");
  final String bobToken = "Bearer " + TestJwts.token(bob, "bob", "customer");
  final UUID acme = UUID.randomUUID();
  final UUID globex = UUID.randomUUID();

  @BeforeEach
  void setUp() {
    BillingStub.server().resetAll();
    TestAccess.GRANTS.grant(alice, acme.toString());
    TestAccess.GRANTS.grant(bob, globex.toString());
    summaries.saveIfNewer(
        BillingData.summary(acme, "250.00", Instant.parse("2026-11-01T10:00:00Z")));
  }

  private void billingGet(
      String path, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    BillingStub.server().stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(answer));
  }

  @Test
  void myAccountIsOneCallWithEverySection() throws Exception {
    UUID invoice = UUID.randomUUID();
    UUID method = UUID.randomUUID();
    UUID payment = UUID.randomUUID();
    billingGet(
        "/accounts/" + acme + "/invoices",
        json(
            BillingData.invoicePage(
                "abc", BillingData.invoiceJson(acme, invoice, "INV-1", "2026-11-30", "250.00"))));
    billingGet(
        "/accounts/" + acme + "/payment-methods",
        json("[" + BillingData.paymentMethodJson(method, true) + "]"));
    billingGet(
        "/accounts/" + acme + "/payments",
        json("{\"items\":[" + BillingData.paymentJson(payment) + "],\"next\":null}"));
    billingGet(
        "/accounts/" + acme + "/contacts",
        json("{\"billTo\":" + BillingData.contactJson("ap@acme.test") + ",\"soldTo\":null}"));
    billingGet(
        "/accounts/" + acme + "/fields",
        json(
            """
        [{"name":"tier","label":"Tier","type":"picklist","options":["Gold"],"required":false,"value":"Gold"},
         {"name":"renewal","label":"Renewal","type":"date","options":[],"required":false,"value":null}]"""));
    mvc.perform(get("/api/accounts/" + acme + "/my-account").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fields.status").value("ok"))
        .andExpect(jsonPath("$.fields.data[0].label").value("Tier"))
        .andExpect(jsonPath("$.fields.data[0].value").value("Gold"))
        .andExpect(jsonPath("$.fields.data[1].type").value("date"))
        .andExpect(jsonPath("$.account.status").value("ok"))
        .andExpect(jsonPath("$.account.data.accountNumber").isNotEmpty())
        .andExpect(jsonPath("$.account.data.balance").value(250.00))
        .andExpect(jsonPath("$.invoices.status").value("ok"))
        .andExpect(jsonPath("$.invoices.data.items[0].number").value("INV-1"))
        .andExpect(jsonPath("$.invoices.data.items[0].anotherNewField").doesNotExist())
        .andExpect(jsonPath("$.invoices.data.next").value("abc"))
        .andExpect(jsonPath("$.paymentMethods.data[0].isDefault").value(true))
        .andExpect(jsonPath("$.payments.data.items[0].id").value(payment.toString()))
        .andExpect(jsonPath("$.payments.data.items[0].invoices[0].number").value("INV-1"))
        .andExpect(jsonPath("$.payments.data.items[0].invoices[0].amount").value(50.00))
        .andExpect(jsonPath("$.contacts.data.billTo.email").value("ap@acme.test"))
        .andExpect(jsonPath("$.contacts.data.soldTo").doesNotExist())
        .andExpect(jsonPath("$.permissions.pay").value(true))
        .andExpect(jsonPath("$.permissions.managePaymentMethods").value(true))
        .andExpect(jsonPath("$.permissions.editContacts").value(true));
    BillingStub.server()
        .verify(
            WireMock.getRequestedFor(urlPathEqualTo("/accounts/" + acme + "/invoices"))
                .withQueryParam("limit", equalTo("10"))
                .withHeader("Authorization", equalTo(aliceToken)));
  }

  @Test
  void permissionsFollowTheProfile() throws Exception {
    String reader = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        reader,
        Map.of(
            Area.my_account,
            new Grant(Level.view, Grant.Scope.all),
            Area.pay_invoices,
            new Grant(Level.view, Grant.Scope.all)),
        acme.toString());
    BillingStub.server()
        .stubFor(WireMock.get(anyUrl()).willReturn(json("{\"items\":[],\"next\":null}")));
    String token = "Bearer " + TestJwts.token(reader, "reader", "customer");
    mvc.perform(get("/api/accounts/" + acme + "/my-account").header("Authorization", token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.permissions.pay").value(false))
        .andExpect(jsonPath("$.permissions.managePaymentMethods").value(false))
        .andExpect(jsonPath("$.permissions.editContacts").value(false));
    mvc.perform(
            post("/api/accounts/" + acme + "/payment-methods")
                .header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"cardToken\":\"tok_1\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
    mvc.perform(
            post("/api/accounts/" + acme + "/payments")
                .header("Authorization", token)
                .header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"1.00\",\"currency\":\"USD\"}"))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/api/accounts/" + acme + "/contacts/bill-to")
                .header("Authorization", token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(BillingData.contactJson("x@acme.test")))
        .andExpect(status().isForbidden());
    assertThat(BillingStub.requests())
        .noneMatch(r -> !r.getRequest().getMethod().getName().equals("GET"));
  }

  @Test
  void thePayScreenListsOpenInvoicesOldestDueFirstAcrossPages() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID method = UUID.randomUUID();
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/invoices"))
                .withQueryParam("status", equalTo("open"))
                .withQueryParam("sort", equalTo("dueDate,asc"))
                .withQueryParam("after", WireMock.absent())
                .willReturn(
                    json(
                        BillingData.invoicePage(
                            "page2",
                            BillingData.invoiceJson(
                                acme, first, "INV-1", "2026-09-30", "200.00")))));
    BillingStub.server()
        .stubFor(
            WireMock.get(urlPathEqualTo("/accounts/" + acme + "/invoices"))
                .withQueryParam("after", equalTo("page2"))
                .willReturn(
                    json(
                        BillingData.invoicePage(
                            null,
                            BillingData.invoiceJson(
                                acme, second, "INV-2", "2026-10-31", "50.00")))));
    billingGet(
        "/accounts/" + acme + "/payment-methods",
        json("[" + BillingData.paymentMethodJson(method, true) + "]"));
    mvc.perform(get("/api/accounts/" + acme + "/pay").header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.currency").value("USD"))
        .andExpect(jsonPath("$.balance").value(250.00))
        .andExpect(jsonPath("$.creditBalance").value(0))
        .andExpect(jsonPath("$.openInvoices.length()").value(2))
        .andExpect(jsonPath("$.openInvoices[0].number").value("INV-1"))
        .andExpect(jsonPath("$.openInvoices[1].number").value("INV-2"))
        .andExpect(jsonPath("$.paymentMethods[0].id").value(method.toString()))
        .andExpect(jsonPath("$.canPay").value(true));
  }

  @Test
  void theReceiptIsOnePaymentWithTheInvoicesItPaid() throws Exception {
    UUID payment = UUID.randomUUID();
    UUID invoice = UUID.randomUUID();
    billingGet(
        "/accounts/" + acme + "/payments/" + payment,
        json(
            "{\"payment\":"
                + BillingData.paymentJson(payment)
                + ",\"invoices\":[{\"invoiceId\":\""
                + invoice
                + "\",\"number\":\"INV-7\",\"amount\":50.00}]}"));
    mvc.perform(
            get("/api/accounts/" + acme + "/payments/" + payment)
                .header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payment.id").value(payment.toString()))
        .andExpect(jsonPath("$.payment.method").value("visa •••• 4242"))
        .andExpect(jsonPath("$.invoices[0].number").value("INV-7"));
  }

  @ParameterizedTest
  @CsvSource({"false,inline", "true,attachment"})
  void thePdfIsInlineUnlessADownloadIsAsked(boolean download, String disposition) throws Exception {
    UUID invoice = UUID.randomUUID();
    byte[] pdf = "%PDF-1.7 test".getBytes();
    billingGet(
        "/accounts/" + acme + "/invoices/" + invoice + "/pdf",
        WireMock.aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/pdf")
            .withHeader("Content-Disposition", "attachment; filename=\"INV-2026-000001.pdf\"")
            .withBody(pdf));
    mvc.perform(
            get("/api/accounts/"
                    + acme
                    + "/invoices/"
                    + invoice
                    + "/pdf"
                    + (download ? "?download=true" : ""))
                .header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(header().string("Content-Type", "application/pdf"))
        .andExpect(
            header()
                .string("Content-Disposition", disposition + "; filename=\"INV-2026-000001.pdf\""))
        .andExpect(content().bytes(pdf));
  }

  @Test
  void aPendingPaymentIs202WithItsLocationUnderApi() throws Exception {
    UUID payment = UUID.randomUUID();
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/payments"))
                .willReturn(
                    WireMock.aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Location", "/accounts/" + acme + "/payments/" + payment)
                        .withHeader("Retry-After", "2")
                        .withBody(
                            """
                {"id":"%s","accountId":"%s","amount":10.00,"currency":"USD","status":"pending",
                 "createdAt":"2026-11-02T09:00:00Z","allocations":[],"toCredit":0}"""
                                .formatted(payment, acme))));
    mvc.perform(
            post("/api/accounts/" + acme + "/payments")
                .header("Authorization", aliceToken)
                .header("Idempotency-Key", "pay-123")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"amount\":\"10.00\",\"currency\":\"USD\",\"paymentMethodId\":\""
                        + UUID.randomUUID()
                        + "\"}"))
        .andExpect(status().isAccepted())
        .andExpect(header().string("Location", "/api/accounts/" + acme + "/payments/" + payment))
        .andExpect(header().string("Retry-After", "2"))
        .andExpect(jsonPath("$.status").value("pending"));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/payments"))
                .withHeader("Idempotency-Key", equalTo("pay-123"))
                .withRequestBody(
                    equalToJson("{\"amount\":10.00,\"currency\":\"USD\"}", true, true)));
  }

  @Test
  void creditIsAppliedThroughBillingWithTheKeyAndOnlyByWhoMayPay() throws Exception {
    UUID invoice = UUID.randomUUID();
    String body =
        "{\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\""
            + invoice
            + "\",\"amount\":\"12.50\"}]}";
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/credit-applications"))
                .willReturn(
                    WireMock.aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Idempotent-Replayed", "true")
                        .withBody(
                            """
                {"id":"%s","amount":12.50,"currency":"USD","appliedAt":"2026-11-02T09:00:00Z",
                 "invoices":[{"invoiceId":"%s","number":"INV-1","amount":12.50}],
                 "account":{"accountId":"%s","currency":"USD","balance":87.50,"creditBalance":0}}"""
                                .formatted(UUID.randomUUID(), invoice, acme))));
    mvc.perform(
            post("/api/accounts/" + acme + "/credit-applications")
                .header("Authorization", aliceToken)
                .header("Idempotency-Key", "credit-1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isOk())
        .andExpect(header().string("Idempotent-Replayed", "true"))
        .andExpect(jsonPath("$.invoices[0].number").value("INV-1"))
        .andExpect(jsonPath("$.account.creditBalance").value(0));
    BillingStub.server()
        .verify(
            1,
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/credit-applications"))
                .withHeader("Idempotency-Key", equalTo("credit-1")));

    // no key, an amount-less line, another account's customer, a view-only profile: billing is
    // never asked
    mvc.perform(
            post("/api/accounts/" + acme + "/credit-applications")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    mvc.perform(
            post("/api/accounts/" + acme + "/credit-applications")
                .header("Authorization", aliceToken)
                .header("Idempotency-Key", "credit-2")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"currency\":\"USD\",\"invoices\":[{\"invoiceId\":\"" + invoice + "\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("invoices[0].amount"));
    mvc.perform(
            post("/api/accounts/" + acme + "/credit-applications")
                .header("Authorization", bobToken)
                .header("Idempotency-Key", "credit-3")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isNotFound());
    String reader = UUID.randomUUID().toString();
    TestAccess.GRANTS.grant(
        reader, Map.of(Area.pay_invoices, new Grant(Level.view, Grant.Scope.all)), acme.toString());
    mvc.perform(
            post("/api/accounts/" + acme + "/credit-applications")
                .header("Authorization", "Bearer " + TestJwts.token(reader, "reader", "customer"))
                .header("Idempotency-Key", "credit-4")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isForbidden());
    BillingStub.server()
        .verify(1, postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/credit-applications")));
  }

  @Test
  void aDeclinedCardIsBillings402Problem() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/payments"))
                .willReturn(problem(402, "card-declined", "The card was declined.")));
    mvc.perform(
            post("/api/accounts/" + acme + "/payments")
                .header("Authorization", aliceToken)
                .header("Idempotency-Key", "pay-9")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"amount\":\"10.00\",\"currency\":\"USD\",\"cardToken\":\"tok_x\"}"))
        .andExpect(status().isPaymentRequired())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/card-declined"));
  }

  @Test
  void aCardIsSavedFromItsTokenAndMadeDefaultWhenAsked() throws Exception {
    UUID method = UUID.randomUUID();
    BillingStub.server()
        .stubFor(
            WireMock.post(urlPathEqualTo("/accounts/" + acme + "/payment-methods"))
                .willReturn(json(BillingData.paymentMethodJson(method, false)).withStatus(201)));
    BillingStub.server()
        .stubFor(
            WireMock.post(
                    urlPathEqualTo("/accounts/" + acme + "/payment-methods/" + method + "/default"))
                .willReturn(json(BillingData.paymentMethodJson(method, true))));
    mvc.perform(
            post("/api/accounts/" + acme + "/payment-methods")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"cardToken\":\"tok_sbx_1\",\"makeDefault\":true}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(method.toString()))
        .andExpect(jsonPath("$.isDefault").value(true));
    BillingStub.server()
        .verify(
            postRequestedFor(urlPathEqualTo("/accounts/" + acme + "/payment-methods"))
                .withRequestBody(equalToJson("{\"type\":\"card\",\"token\":\"tok_sbx_1\"}")));
  }

  @Test
  void aPaymentMethodIsMadeDefaultAndRemoved() throws Exception {
    UUID method = UUID.randomUUID();
    BillingStub.server()
        .stubFor(
            WireMock.post(
                    urlPathEqualTo("/accounts/" + acme + "/payment-methods/" + method + "/default"))
                .willReturn(json(BillingData.paymentMethodJson(method, true))));
    BillingStub.server()
        .stubFor(
            WireMock.delete(urlPathEqualTo("/accounts/" + acme + "/payment-methods/" + method))
                .willReturn(WireMock.noContent()));
    mvc.perform(
            post("/api/accounts/" + acme + "/payment-methods/" + method + "/default")
                .header("Authorization", aliceToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.isDefault").value(true));
    mvc.perform(
            delete("/api/accounts/" + acme + "/payment-methods/" + method)
                .header("Authorization", aliceToken))
        .andExpect(status().isNoContent());
    BillingStub.server()
        .verify(
            WireMock.deleteRequestedFor(
                urlPathEqualTo("/accounts/" + acme + "/payment-methods/" + method)));
  }

  @Test
  void contactsAreSavedAndAnEmailChangeMayAskForARecentSignIn() throws Exception {
    BillingStub.server()
        .stubFor(
            WireMock.put(urlPathEqualTo("/accounts/" + acme + "/contacts/sold-to"))
                .willReturn(
                    json(
                        "{\"billTo\":"
                            + BillingData.contactJson("ap@acme.test")
                            + ",\"soldTo\":"
                            + BillingData.contactJson("buyer@acme.test")
                            + "}")));
    BillingStub.server()
        .stubFor(
            WireMock.put(urlPathEqualTo("/accounts/" + acme + "/contacts/bill-to"))
                .willReturn(problem(403, "recent-login-required", "Sign in again.")));
    BillingStub.server()
        .stubFor(
            WireMock.delete(urlPathEqualTo("/accounts/" + acme + "/contacts/sold-to"))
                .willReturn(
                    json(
                        "{\"billTo\":"
                            + BillingData.contactJson("ap@acme.test")
                            + ",\"soldTo\":null}")));
    mvc.perform(
            put("/api/accounts/" + acme + "/contacts/sold-to")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(BillingData.contactJson("buyer@acme.test")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.email").value("buyer@acme.test"));
    mvc.perform(
            put("/api/accounts/" + acme + "/contacts/bill-to")
                .header("Authorization", aliceToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content(BillingData.contactJson("new@acme.test")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/recent-login-required"));
    mvc.perform(
            delete("/api/accounts/" + acme + "/contacts/sold-to")
                .header("Authorization", aliceToken))
        .andExpect(status().isNoContent());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/invoices?limit=0|limit", "/invoices?limit=101|limit", "/invoices?status=unpaid|status",
        "/invoices?from=yesterday|from", "/invoices?after=not%20a%20cursor|after",
            "/payments?limit=500|limit",
        "/invoices/not-a-uuid|invoiceId", "/payments/42|paymentId"
      })
  void badQueriesAre400NamingTheField(String path, String field) throws Exception {
    mvc.perform(get("/api/accounts/" + acme + path).header("Authorization", aliceToken))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value(field));
    assertThat(BillingStub.requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/payment-methods|{\"makeDefault\":true}|cardToken",
        "/contacts/bill-to|{\"name\":\"A\",\"email\":\"not-an-email\",\"line1\":\"x\",\"city\":\"y\",\"country\":\"US\"}|email",
        "/contacts/sold-to|{\"name\":\"A\",\"email\":\"a@b.test\",\"line1\":\"x\",\"city\":\"y\",\"country\":\"usa\"}|country",
        "/payments|{\"currency\":\"USD\"}|amount"
      })
  void badBodiesAre400NamingTheField(String path, String body, String field) throws Exception {
    MockHttpServletRequestBuilder request =
        path.startsWith("/contacts")
            ? put("/api/accounts/" + acme + path)
            : post("/api/accounts/" + acme + path);
    mvc.perform(
            request
                .header("Authorization", aliceToken)
                .header("Idempotency-Key", "k-2")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(BillingStub.requests()).isEmpty();
  }

  /**
   * Every endpoint: Bob asks for Alice's account (and objects under it) and is refused before
   * billing is asked.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GET|/my-account",
        "GET|/pay",
        "GET|/header",
        "GET|/header/events",
        "GET|/invoices",
        "GET|/invoices/{id}",
        "GET|/invoices/{id}/pdf",
        "GET|/payments",
        "GET|/payments/{id}",
        "GET|/payment-methods",
        "POST|/payment-methods",
        "POST|/payment-methods/{id}/default",
        "DELETE|/payment-methods/{id}",
        "PUT|/contacts/bill-to",
        "PUT|/contacts/sold-to",
        "DELETE|/contacts/sold-to",
        "POST|/payments"
      })
  void anotherCustomerIsRefusedWith404AndBillingIsNotAsked(String method, String path)
      throws Exception {
    String url = "/api/accounts/" + acme + path.replace("{id}", UUID.randomUUID().toString());
    String body =
        path.startsWith("/contacts")
            ? BillingData.contactJson("x@globex.test")
            : path.equals("/payments")
                ? "{\"amount\":\"1.00\",\"currency\":\"USD\"}"
                : "{\"cardToken\":\"tok_1\"}";
    MockHttpServletRequestBuilder request =
        switch (method) {
          case "GET" -> get(url);
          case "POST" -> post(url).contentType(MediaType.APPLICATION_JSON).content(body);
          case "PUT" -> put(url).contentType(MediaType.APPLICATION_JSON).content(body);
          default -> delete(url);
        };
    mvc.perform(request.header("Authorization", bobToken).header("Idempotency-Key", "k-3"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
    assertThat(BillingStub.requests()).isEmpty();
  }

  /** Alice's object asked for under Bob's own account: billing's answer (404) is passed on. */
  @ParameterizedTest
  @CsvSource({"/invoices/{id}", "/invoices/{id}/pdf", "/payments/{id}"})
  void anotherCustomersObjectUnderOnesOwnAccountIs404(String path) throws Exception {
    String objectPath = path.replace("{id}", UUID.randomUUID().toString());
    billingGet("/accounts/" + globex + objectPath, problem(404, "not-found", "Not found."));
    mvc.perform(get("/api/accounts/" + globex + objectPath).header("Authorization", bobToken))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
  }

  @ParameterizedTest
  @CsvSource({"POST,/payment-methods/{id}/default", "DELETE,/payment-methods/{id}"})
  void anotherCustomersPaymentMethodUnderOnesOwnAccountIs404(String method, String path)
      throws Exception {
    String objectPath = path.replace("{id}", UUID.randomUUID().toString());
    BillingStub.server()
        .stubFor(
            WireMock.any(urlPathEqualTo("/accounts/" + globex + objectPath))
                .willReturn(problem(404, "not-found", "Payment method not found.")));
    var request =
        method.equals("POST")
            ? post("/api/accounts/" + globex + objectPath)
            : delete("/api/accounts/" + globex + objectPath);
    mvc.perform(request.header("Authorization", bobToken)).andExpect(status().isNotFound());
  }
}
