package io.peakhub.billing.payment;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The payment history views: a keyset-paged list, newest first, and one payment; both name the
 * invoices each payment paid.
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

  /** A payment as the history lists it: the row's fields and the invoices it paid, by number. */
  record ListedPayment(@JsonUnwrapped PaymentSummary payment, List<PaidInvoice> invoices) {}

  record PaymentPage(List<ListedPayment> items, String next) {}

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
    Map<UUID, List<PaidInvoice>> paid =
        paidInvoices(rows.stream().map(PaymentSummary::id).toList());
    return new PaymentPage(
        rows.stream().map(p -> new ListedPayment(p, paid.getOrDefault(p.id(), List.of()))).toList(),
        next);
  }

  /** Both ids must match: a payment of another account is simply not found. */
  Optional<PaymentDetail> detail(UUID accountId, UUID paymentId) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND id = :id")
        .param("a", accountId)
        .param("id", paymentId)
        .query(RecordRows.of(PaymentSummary.class))
        .optional()
        .map(
            payment ->
                new PaymentDetail(
                    payment, paidInvoices(List.of(paymentId)).getOrDefault(paymentId, List.of())));
  }

  /**
   * The invoices each payment paid, by number (the invoice feature names them), in one query for
   * all: a payment that paid none (all of it went to credit, or it has not settled) is absent.
   */
  private Map<UUID, List<PaidInvoice>> paidInvoices(List<UUID> paymentIds) {
    if (paymentIds.isEmpty()) {
      return Map.of();
    }
    record Paid(UUID paymentId, UUID invoiceId, BigDecimal amount) {}
    List<Paid> paid =
        jdbc.sql(
                "SELECT payment_id, invoice_id, amount FROM payment_allocation"
                    + " WHERE payment_id IN (:p)")
            .param("p", paymentIds)
            .query(RecordRows.of(Paid.class))
            .list();
    Map<UUID, InvoiceRef> refs =
        invoices.refs(paid.stream().map(Paid::invoiceId).distinct().toList());
    return paid.stream()
        .map(
            p ->
                Map.entry(
                    p.paymentId(),
                    new PaidInvoice(p.invoiceId(), refs.get(p.invoiceId()).number(), p.amount())))
        .sorted(Map.Entry.comparingByValue(Comparator.comparing(PaidInvoice::number)))
        .collect(
            Collectors.groupingBy(
                Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
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
