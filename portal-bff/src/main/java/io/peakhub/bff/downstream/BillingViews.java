package io.peakhub.bff.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * billing-service's answers as portal-bff reads them: the BFF's own records with billing's field
 * names (the web app gets them unchanged). Tolerant readers: a field billing adds later is ignored
 * here rather than failing the screen.
 */
public final class BillingViews {

  private BillingViews() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Invoice(
      UUID id,
      UUID accountId,
      String number,
      LocalDate invoiceDate,
      LocalDate dueDate,
      BigDecimal amount,
      BigDecimal balance,
      String status,
      String currency) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record InvoiceLine(
      int lineNo,
      String description,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal taxRate,
      BigDecimal tax,
      BigDecimal amount) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record InvoicePage(List<Invoice> items, String next) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record InvoiceDetail(Invoice invoice, List<InvoiceLine> lines) {}

  /**
   * A payment as the payment history lists it, with the invoices it paid (none in a receipt's
   * payment: the receipt lists them beside it).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Payment(
      UUID id,
      BigDecimal amount,
      String currency,
      String status,
      Instant createdAt,
      String method,
      String gatewayReference,
      List<PaidInvoice> invoices) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PaymentPage(List<Payment> items, String next) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PaidInvoice(UUID invoiceId, String number, BigDecimal amount) {}

  /** One payment with the invoices it paid: the receipt. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Receipt(Payment payment, List<PaidInvoice> invoices) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Allocation(UUID invoiceId, BigDecimal amount) {}

  /**
   * The answer to a payment request (201, 200 on a replay, 202 while the processor has not
   * answered).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PaymentResult(
      UUID id,
      UUID accountId,
      BigDecimal amount,
      String currency,
      String status,
      Instant createdAt,
      List<Allocation> allocations,
      BigDecimal toCredit) {}

  /** Credit balance applied to invoices; {@code account} is the account's numbers after it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CreditApplication(
      UUID id,
      BigDecimal amount,
      String currency,
      Instant appliedAt,
      List<CreditedInvoice> invoices,
      AccountSummary account) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CreditedInvoice(UUID invoiceId, String number, BigDecimal amount) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PaymentMethod(
      UUID id,
      String type,
      String brand,
      String last4,
      Integer expMonth,
      Integer expYear,
      String holder,
      boolean isDefault,
      boolean expired) {}

  /**
   * What billing's POST /payment-methods takes for a card: the processor's token, never card data.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddCard(String type, String token, String holder) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Contact(
      String name,
      String email,
      String phone,
      String line1,
      String line2,
      String city,
      String postalCode,
      String region,
      String country) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Contacts(Contact billTo, Contact soldTo) {}

  /** One admin-defined account field with this account's value (null: none). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AccountFieldValue(String name, String label, String type, String value) {}
}
