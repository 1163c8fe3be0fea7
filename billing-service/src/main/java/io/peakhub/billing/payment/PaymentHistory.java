package io.peakhub.billing.payment;

import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.billing.invoice.InvoiceBalances.InvoiceRef;
import io.peakhub.platform.jdbc.RecordRows;
import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The payment history views: a keyset-paged list, newest first, and one payment with the invoices
 * it paid.
 */
@Service
class PaymentHistory {

  record PaidInvoice(UUID invoiceId, String number, BigDecimal amount) {}

  record PaymentSummary(
      UUID id,
      BigDecimal amount,
      String currency,
      String status,
      Instant createdAt,
      String method,
      String gatewayReference) {}

  record PaymentDetail(PaymentSummary payment, List<PaidInvoice> invoices) {}

  record PaymentPage(List<PaymentSummary> items, String next) {}

  private static final String COLUMNS =
      """
      SELECT id, amount, currency, status, created_at, coalesce(method_label, 'manual') AS method, gateway_reference
      FROM payment""";

  private final JdbcClient jdbc;
  private final InvoiceBalances invoices;

  PaymentHistory(JdbcClient jdbc, InvoiceBalances invoices) {
    this.jdbc = jdbc;
    this.invoices = invoices;
  }

  PaymentPage page(UUID accountId, String after, int size) {
    var sql =
        jdbc.sql(
                COLUMNS
                    + " WHERE account_id = :a"
                    + (after == null ? "" : " AND (created_at, id) < (:at, :id)")
                    + " ORDER BY created_at DESC, id DESC LIMIT :n")
            .param("a", accountId)
            .param("n", size + 1);
    if (after != null) {
      String[] cursor = decode(after);
      sql =
          sql.param("at", Timestamp.from(Instant.parse(cursor[0])))
              .param("id", UUID.fromString(cursor[1]));
    }
    List<PaymentSummary> rows =
        new ArrayList<>(sql.query(RecordRows.of(PaymentSummary.class)).list());
    String next = null;
    if (rows.size() > size) {
      rows.remove(size);
      PaymentSummary last = rows.get(size - 1);
      next =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  (last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    return new PaymentPage(rows, next);
  }

  /** Both ids must match: a payment of another account is simply not found. */
  Optional<PaymentDetail> detail(UUID accountId, UUID paymentId) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND id = :id")
        .param("a", accountId)
        .param("id", paymentId)
        .query(RecordRows.of(PaymentSummary.class))
        .optional()
        .map(payment -> new PaymentDetail(payment, paidInvoices(paymentId)));
  }

  /** The invoices a payment paid, by number (the invoice feature names them). */
  private List<PaidInvoice> paidInvoices(UUID paymentId) {
    record Paid(UUID invoiceId, BigDecimal amount) {}
    List<Paid> paid =
        jdbc.sql("SELECT invoice_id, amount FROM payment_allocation WHERE payment_id = :p")
            .param("p", paymentId)
            .query(RecordRows.of(Paid.class))
            .list();
    Map<UUID, InvoiceRef> refs = invoices.refs(paid.stream().map(Paid::invoiceId).toList());
    return paid.stream()
        .map(p -> new PaidInvoice(p.invoiceId(), refs.get(p.invoiceId()).number(), p.amount()))
        .sorted(Comparator.comparing(PaidInvoice::number))
        .toList();
  }

  private static String[] decode(String after) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|");
      Instant.parse(parts[0]);
      UUID.fromString(parts[1]);
      return parts;
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "after", "'after' is not a cursor of this list; start again without it.");
    }
  }
}
