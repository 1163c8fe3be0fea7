package io.peakhub.billing.payment;

import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment history views: a keyset-paged list, newest first, and one payment with the invoices it paid. */
@Repository
class PaymentHistory {

  record PaidInvoice(UUID invoiceId, String number, BigDecimal amount) {}

  record PaymentSummary(UUID id, BigDecimal amount, String currency, String status, Instant createdAt, String method,
      String gatewayReference) {}

  record PaymentDetail(PaymentSummary payment, List<PaidInvoice> invoices) {}

  record PaymentPage(List<PaymentSummary> items, String next) {}

  private static final String COLUMNS = """
      SELECT id, amount, currency, status, created_at, coalesce(method_label, 'manual') AS method, gateway_reference
      FROM payment""";

  private final JdbcClient jdbc;

  PaymentHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  PaymentPage page(UUID accountId, String after, int size) {
    var sql = jdbc.sql(COLUMNS + " WHERE account_id = :a"
            + (after == null ? "" : " AND (created_at, id) < (:at, :id)") + " ORDER BY created_at DESC, id DESC LIMIT :n")
        .param("a", accountId).param("n", size + 1);
    if (after != null) {
      String[] cursor = decode(after);
      sql = sql.param("at", Timestamp.from(Instant.parse(cursor[0]))).param("id", UUID.fromString(cursor[1]));
    }
    List<PaymentSummary> rows = new ArrayList<>(sql.query(PaymentSummary.class).list());
    String next = null;
    if (rows.size() > size) {
      rows.remove(size);
      PaymentSummary last = rows.get(size - 1);
      next = Base64.getUrlEncoder().withoutPadding()
          .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }
    return new PaymentPage(rows, next);
  }

  /** Both ids must match: a payment of another account is simply not found. */
  Optional<PaymentDetail> detail(UUID accountId, UUID paymentId) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND id = :id")
        .param("a", accountId).param("id", paymentId).query(PaymentSummary.class).optional()
        .map(payment -> new PaymentDetail(payment, jdbc.sql("""
                SELECT i.id AS invoice_id, i.number, a.amount FROM payment_allocation a JOIN invoice i ON i.id = a.invoice_id
                WHERE a.payment_id = :p ORDER BY i.number""")
            .param("p", paymentId).query(PaidInvoice.class).list()));
  }

  private static String[] decode(String after) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).split("\\|");
      Instant.parse(parts[0]);
      UUID.fromString(parts[1]);
      return parts;
    } catch (RuntimeException e) {
      throw new InvalidInputException("after", "'after' is not a cursor of this list; start again without it.");
    }
  }
}
