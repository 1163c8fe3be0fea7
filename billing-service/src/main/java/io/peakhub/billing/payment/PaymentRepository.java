package io.peakhub.billing.payment;

import io.peakhub.billing.account.PaymentTotals;
import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment tables: payments, what each was asked to pay, and what each paid. */
@Repository
class PaymentRepository implements PaymentTotals {

  record StoredPayment(
      UUID id,
      UUID accountId,
      BigDecimal amount,
      String currency,
      String status,
      Instant createdAt,
      String requestHash,
      String failureReason,
      boolean overpayToCredit) {

    boolean pending() {
      return "pending".equals(status);
    }
  }

  record NewPayment(
      UUID id,
      UUID accountId,
      BigDecimal amount,
      String currency,
      String idempotencyKey,
      String requestHash,
      Instant createdAt,
      String createdBy,
      String actingAdmin,
      UUID paymentMethodId,
      String methodLabel,
      List<PaymentAllocator.Allocation> requestedInvoices,
      boolean overpayToCredit) {}

  private static final String COLUMNS =
      """
      SELECT id, account_id, amount, currency, status, created_at, request_hash, failure_reason, overpay_to_credit
      FROM payment""";

  private final JdbcClient jdbc;

  PaymentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<LastPayment> lastSucceeded(UUID accountId) {
    record Row(BigDecimal amount, Timestamp createdAt) {}
    return jdbc.sql(
            """
            SELECT amount, created_at FROM payment WHERE account_id = :a AND status = 'succeeded'
            ORDER BY created_at DESC LIMIT 1""")
        .param("a", accountId)
        .query(RecordRows.of(Row.class))
        .optional()
        .map(r -> new LastPayment(r.amount(), r.createdAt().toInstant()));
  }

  Optional<StoredPayment> findByKey(UUID accountId, String idempotencyKey) {
    return jdbc.sql(COLUMNS + " WHERE account_id = :a AND idempotency_key = :k")
        .param("a", accountId)
        .param("k", idempotencyKey)
        .query(RecordRows.of(StoredPayment.class))
        .optional();
  }

  Optional<StoredPayment> find(UUID paymentId) {
    return jdbc.sql(COLUMNS + " WHERE id = :id")
        .param("id", paymentId)
        .query(RecordRows.of(StoredPayment.class))
        .optional();
  }

  /** The payment while it is still pending, locked: whoever holds it settles or fails it, once. */
  Optional<StoredPayment> lockPending(UUID paymentId) {
    return jdbc.sql(COLUMNS + " WHERE id = :id AND status = 'pending' FOR UPDATE")
        .param("id", paymentId)
        .query(RecordRows.of(StoredPayment.class))
        .optional();
  }

  /** Pending payments, oldest first. */
  List<StoredPayment> pending(int limit) {
    return jdbc.sql(COLUMNS + " WHERE status = 'pending' ORDER BY created_at LIMIT :n")
        .param("n", limit)
        .query(RecordRows.of(StoredPayment.class))
        .list();
  }

  void insertPending(NewPayment p) {
    jdbc.sql(
            """
            INSERT INTO payment (id, account_id, amount, currency, status, idempotency_key, request_hash, created_at,
                                 created_by, acting_admin, payment_method_id, method_label, overpay_to_credit)
            VALUES (:id, :a, :amount, :c, 'pending', :k, :h, :now, :by, :admin, :pm, :label, :overpay)""")
        .param("id", p.id())
        .param("a", p.accountId())
        .param("amount", p.amount())
        .param("c", p.currency())
        .param("k", p.idempotencyKey())
        .param("h", p.requestHash())
        .param("now", Timestamp.from(p.createdAt()))
        .param("by", p.createdBy())
        .param("admin", p.actingAdmin())
        .param("pm", p.paymentMethodId())
        .param("label", p.methodLabel())
        .param("overpay", p.overpayToCredit())
        .update();
    List<PaymentAllocator.Allocation> requested = p.requestedInvoices();
    for (int i = 0; i < requested.size(); i++) {
      jdbc.sql(
              "INSERT INTO payment_requested_invoice (payment_id, invoice_id, amount, position) VALUES (:p, :i, :amount, :pos)")
          .param("p", p.id())
          .param("i", requested.get(i).invoiceId())
          .param("amount", requested.get(i).amount())
          .param("pos", i)
          .update();
    }
  }

  /** The invoices the payer chose, in their order; empty when the payment pays oldest due first. */
  List<PaymentAllocator.Allocation> requestedInvoices(UUID paymentId) {
    return jdbc.sql(
            "SELECT invoice_id, amount FROM payment_requested_invoice WHERE payment_id = :p ORDER BY position")
        .param("p", paymentId)
        .query(PaymentAllocator.Allocation.class)
        .list();
  }

  void allocate(UUID paymentId, PaymentAllocator.Allocation allocation) {
    jdbc.sql(
            "INSERT INTO payment_allocation (payment_id, invoice_id, amount) VALUES (:p, :i, :amount)")
        .param("p", paymentId)
        .param("i", allocation.invoiceId())
        .param("amount", allocation.amount())
        .update();
  }

  /** What the payment paid, in no particular order. */
  List<PaymentAllocator.Allocation> allocations(UUID paymentId) {
    return jdbc.sql("SELECT invoice_id, amount FROM payment_allocation WHERE payment_id = :p")
        .param("p", paymentId)
        .query(PaymentAllocator.Allocation.class)
        .list();
  }

  void markSucceeded(UUID paymentId, String reference, Instant now) {
    jdbc.sql(
            "UPDATE payment SET status = 'succeeded', gateway_reference = :ref, settled_at = :now WHERE id = :id")
        .param("ref", reference)
        .param("now", Timestamp.from(now))
        .param("id", paymentId)
        .update();
  }

  void markFailed(UUID paymentId, String reason, String reference, Instant now) {
    jdbc.sql(
            """
            UPDATE payment SET status = 'failed', failure_reason = :reason, gateway_reference = :ref, settled_at = :now
            WHERE id = :id""")
        .param("reason", reason)
        .param("ref", reference)
        .param("now", Timestamp.from(now))
        .param("id", paymentId)
        .update();
  }
}
