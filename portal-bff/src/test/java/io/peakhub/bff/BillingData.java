package io.peakhub.bff;

import io.peakhub.bff.downstream.AccountSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Billing-shaped test data (object mother). */
public final class BillingData {

  private BillingData() {}

  public static AccountSummary summary(UUID account, String balance, Instant asOf) {
    return new AccountSummary(
        account,
        "A-" + account.toString().substring(0, 6),
        "Acme Corporation",
        "USD",
        "active",
        new BigDecimal(balance),
        BigDecimal.ZERO,
        null,
        null,
        null,
        asOf);
  }

  public static String summaryJson(UUID account, String balance) {
    return """
        {"accountId":"%s","accountNumber":"A-000001","name":"Acme Corporation","currency":"USD","status":"active",
         "balance":%s,"creditBalance":0,"lastPaymentAmount":null,"lastPaymentAt":null,"lastInvoiceDate":"2026-10-01",
         "asOf":"2026-11-01T10:00:00Z","someFieldBillingAddsLater":true}"""
        .formatted(account, balance);
  }

  public static String invoiceJson(
      UUID account, UUID invoice, String number, String dueDate, String balance) {
    return """
        {"id":"%s","accountId":"%s","number":"%s","invoiceDate":"2026-10-01","dueDate":"%s","amount":100.00,
         "balance":%s,"status":"posted","currency":"USD","anotherNewField":"ignored"}"""
        .formatted(invoice, account, number, dueDate, balance);
  }

  public static String invoicePage(String next, String... items) {
    return "{\"items\":["
        + String.join(",", items)
        + "],\"next\":"
        + (next == null ? "null" : "\"" + next + "\"")
        + "}";
  }

  public static String paymentMethodJson(UUID method, boolean isDefault) {
    return """
        {"id":"%s","type":"card","brand":"visa","last4":"4242","expMonth":12,"expYear":2030,"holder":null,
         "isDefault":%s,"expired":false}"""
        .formatted(method, isDefault);
  }

  public static String paymentJson(UUID payment) {
    return """
        {"id":"%s","amount":50.00,"currency":"USD","status":"succeeded","createdAt":"2026-11-02T09:00:00Z",
         "method":"visa •••• 4242","gatewayReference":"ch_1",
         "invoices":[{"invoiceId":"%s","number":"INV-1","amount":50.00}]}"""
        .formatted(payment, UUID.nameUUIDFromBytes(payment.toString().getBytes()));
  }

  public static String contactJson(String email) {
    return """
        {"name":"Acme AP","email":"%s","phone":null,"line1":"1 Main St","line2":null,"city":"Springfield",
         "postalCode":"12345","region":null,"country":"US"}"""
        .formatted(email);
  }
}
