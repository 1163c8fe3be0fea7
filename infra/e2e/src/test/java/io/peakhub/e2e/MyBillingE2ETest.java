package io.peakhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invoice history, the invoice PDF and saved cards through the gateway, with the real services and
 * Keycloak.
 */
class MyBillingE2ETest {

  static final String GLOBEX = "a0000000-0000-4000-8000-000000000102";

  @Test
  void customerListsInvoicesDownloadsAPdfAndSeesTheirCardButAnotherCustomerCannot()
      throws Exception {
    Browser bob = new Browser();
    assertThat(bob.login("bob", HeaderSliceE2ETest.PASSWORD).status()).isEqualTo(200);
    Browser.Response invoices =
        bob.get("/api/accounts/" + GLOBEX + "/invoices?sort=invoiceDate,asc");
    assertThat(invoices.status()).isEqualTo(200);
    JsonNode items = invoices.json().get("items");
    assertThat(items.findValuesAsString("number"))
        .containsExactly("INV-2026-000201", "INV-2026-000202");
    String invoiceId = items.get(0).get("id").asString();

    Browser.Download pdf =
        bob.download("/api/accounts/" + GLOBEX + "/invoices/" + invoiceId + "/pdf");
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

    Browser.Response cards = bob.get("/api/accounts/" + GLOBEX + "/payment-methods");
    assertThat(cards.json().get(0).get("last4").asString()).isEqualTo("4444");
    assertThat(cards.body()).doesNotContain("tok_");

    Browser alice = new Browser();
    assertThat(alice.login("alice", HeaderSliceE2ETest.PASSWORD).status()).isEqualTo(200);
    assertThat(alice.get("/api/accounts/" + GLOBEX + "/invoices").status()).isEqualTo(404);
    assertThat(
            alice.download("/api/accounts/" + GLOBEX + "/invoices/" + invoiceId + "/pdf").status())
        .isEqualTo(404);
    assertThat(
            alice
                .download(
                    "/api/accounts/" + HeaderSliceE2ETest.ACME + "/invoices/" + invoiceId + "/pdf")
                .status())
        .isEqualTo(404);
    assertThat(alice.get("/api/accounts/" + GLOBEX + "/payment-methods").status()).isEqualTo(404);
  }

  @Test
  void overpayingWithoutCreditIntentIsRefusedWithAProblemThePersonCanActOn() throws Exception {
    Browser carol = new Browser();
    assertThat(carol.login("carol", HeaderSliceE2ETest.PASSWORD).status()).isEqualTo(200);
    carol.get("/api/me");
    Browser.Response pay =
        carol.post(
            "/api/accounts/a0000000-0000-4000-8000-000000000103/payments",
            "{\"amount\":\"1000000\",\"currency\":\"JPY\"}",
            null);
    assertThat(pay.status()).isEqualTo(400);
    assertThat(pay.json().get("field").asString()).isEqualTo("amount");
    assertThat(pay.json().get("detail").asString()).contains("overpayToCredit");
  }
}
