package io.peakhub.billing.credit;

import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The credit application tables: each application by its Idempotency-Key, and the invoices it paid
 * down.
 */
@Repository
class CreditApplicationRepository {

  record Stored(
      UUID id,
      UUID accountId,
      String requestHash,
      BigDecimal amount,
      String currency,
      Instant appliedAt) {}

  record Line(UUID invoiceId, String number, BigDecimal amount) {}

  private final JdbcClient jdbc;

  CreditApplicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Stored> findByKey(UUID accountId, String idempotencyKey) {
    return jdbc.sql(
            """
            SELECT id, account_id, request_hash, amount, currency, applied_at FROM credit_application
            WHERE account_id = :a AND idempotency_key = :k""")
        .param("a", accountId)
        .param("k", idempotencyKey)
        .query(RecordRows.of(Stored.class))
        .optional();
  }

  void insert(
      Stored application,
      String idempotencyKey,
      String appliedBy,
      String actingAdmin,
      List<Line> lines) {
    jdbc.sql(
            """
            INSERT INTO credit_application (id, account_id, idempotency_key, request_hash, amount, currency, applied_at,
                                            applied_by, acting_admin)
            VALUES (:id, :a, :k, :h, :amount, :c, :at, :by, :admin)""")
        .param("id", application.id())
        .param("a", application.accountId())
        .param("k", idempotencyKey)
        .param("h", application.requestHash())
        .param("amount", application.amount())
        .param("c", application.currency())
        .param("at", Timestamp.from(application.appliedAt()))
        .param("by", appliedBy)
        .param("admin", actingAdmin)
        .update();
    for (int i = 0; i < lines.size(); i++) {
      jdbc.sql(
              """
              INSERT INTO credit_application_invoice (application_id, invoice_id, amount, position)
              VALUES (:app, :i, :amount, :pos)""")
          .param("app", application.id())
          .param("i", lines.get(i).invoiceId())
          .param("amount", lines.get(i).amount())
          .param("pos", i)
          .update();
    }
  }

  /**
   * The invoices the application paid down, in the order asked; their numbers are the invoice
   * feature's (null here).
   */
  List<Line> lines(UUID applicationId) {
    return jdbc.sql(
            """
            SELECT invoice_id, NULL AS number, amount FROM credit_application_invoice
            WHERE application_id = :app ORDER BY position""")
        .param("app", applicationId)
        .query(RecordRows.of(Line.class))
        .list();
  }
}
