package io.peakhub.billing.invoice;

import io.peakhub.billing.account.InvoiceTotals;
import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceRepository implements InvoiceTotals {

  private static final String VIEW =
      """
      SELECT i.id, i.account_id, i.number, i.invoice_date, i.due_date, i.amount, i.balance,
             CASE WHEN i.status IN ('posted', 'partially_paid') AND i.due_date < :today THEN 'overdue' ELSE i.status END AS status,
             i.currency
      FROM invoice i
      """;

  private final JdbcClient jdbc;

  InvoiceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public BigDecimal openBalance(UUID accountId) {
    return jdbc.sql(
            "SELECT coalesce(sum(balance), 0) FROM invoice WHERE account_id = :a AND status <> 'void'")
        .param("a", accountId)
        .query(BigDecimal.class)
        .single();
  }

  @Override
  public Optional<LocalDate> lastInvoiceDate(UUID accountId) {
    return jdbc.sql("SELECT max(invoice_date) FROM invoice WHERE account_id = :a")
        .param("a", accountId)
        .query(LocalDate.class)
        .optional();
  }

  /** Both ids must match: an invoice of another account is simply not found. */
  public Optional<InvoiceView> find(UUID accountId, UUID invoiceId, LocalDate today) {
    return jdbc.sql(VIEW + " WHERE i.account_id = :a AND i.id = :id")
        .param("a", accountId)
        .param("id", invoiceId)
        .param("today", today)
        .query(RecordRows.of(InvoiceView.class))
        .optional();
  }

  public List<InvoiceLines.Line> lines(UUID invoiceId) {
    return jdbc.sql(
            """
            SELECT line_no, description, quantity, unit_price, tax_rate, tax, amount FROM invoice_line
            WHERE invoice_id = :id ORDER BY line_no""")
        .param("id", invoiceId)
        .query(InvoiceLines.Line.class)
        .list();
  }

  /** What an admin's re-issue of a number is compared with. */
  record Numbered(UUID id, UUID accountId, BigDecimal amount, LocalDate invoiceDate) {}

  /** The invoice with this number, whichever account it belongs to (numbers are unique). */
  Optional<Numbered> findByNumber(String number) {
    return jdbc.sql("SELECT id, account_id, amount, invoice_date FROM invoice WHERE number = :n")
        .param("n", number)
        .query(RecordRows.of(Numbered.class))
        .optional();
  }

  void markVoid(UUID invoiceId) {
    jdbc.sql("UPDATE invoice SET status = 'void' WHERE id = :i").param("i", invoiceId).update();
  }

  /** An invoice that still has something to pay: its id and balance. */
  public record OpenBalance(UUID id, BigDecimal balance) {}

  /** What is left of an invoice after a payment or credit lowered it. */
  public record PaidDown(String number, BigDecimal balance) {}

  /** Number and due date of each invoice given that exists, of any account and status. */
  List<InvoiceBalances.InvoiceRef> refs(java.util.Collection<UUID> invoiceIds) {
    if (invoiceIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT id, number, due_date FROM invoice WHERE id IN (:ids)")
        .param("ids", invoiceIds)
        .query(InvoiceBalances.InvoiceRef.class)
        .list();
  }

  /** The account's open invoices, oldest due first, locked until the caller's transaction ends. */
  public List<OpenBalance> lockOpen(UUID accountId) {
    return jdbc.sql(
            """
            SELECT id, balance FROM invoice WHERE account_id = :a AND balance > 0 AND status <> 'void'
            ORDER BY due_date, number FOR UPDATE""")
        .param("a", accountId)
        .query(RecordRows.of(OpenBalance.class))
        .list();
  }

  /**
   * The open balance of one invoice of the account (not void), locked; empty when it is not the
   * account's.
   */
  public Optional<BigDecimal> lockBalance(UUID accountId, UUID invoiceId) {
    return jdbc.sql(
            "SELECT balance FROM invoice WHERE id = :i AND account_id = :a AND status <> 'void' FOR UPDATE")
        .param("i", invoiceId)
        .param("a", accountId)
        .query(BigDecimal.class)
        .optional();
  }

  /** Lowers the balance; the status becomes paid at zero, else partially paid. */
  PaidDown payDown(UUID invoiceId, BigDecimal amount) {
    return jdbc.sql(
            """
            UPDATE invoice SET balance = balance - :amount,
                   status = CASE WHEN balance - :amount = 0 THEN 'paid' ELSE 'partially_paid' END
            WHERE id = :i RETURNING number, balance""")
        .param("amount", amount)
        .param("i", invoiceId)
        .query(RecordRows.of(PaidDown.class))
        .single();
  }

  record Page(List<InvoiceView> items, String next) {}

  Page list(UUID accountId, InvoiceQuery q, LocalDate today) {
    StringBuilder sql = new StringBuilder(VIEW).append(" WHERE i.account_id = :a");
    Map<String, Object> params = new HashMap<>();
    params.put("a", accountId);
    params.put("today", today);
    switch (q.status()) {
      case all -> {}
      case open -> sql.append(" AND i.balance > 0 AND i.status <> 'void'");
      case overdue ->
          sql.append(" AND i.balance > 0 AND i.status <> 'void' AND i.due_date < :today");
      case void_ -> sql.append(" AND i.status = 'void'");
      default -> {
        sql.append(" AND i.status = :status");
        params.put("status", q.status().name());
      }
    }
    if (q.from() != null) {
      sql.append(" AND i.invoice_date >= :from");
      params.put("from", q.from());
    }
    if (q.to() != null) {
      sql.append(" AND i.invoice_date <= :to");
      params.put("to", q.to());
    }
    String column = "i." + q.sort().column;
    String cmp = q.descending() ? "<" : ">";
    if (q.after() != null) {
      if (q.sort() == InvoiceQuery.Sort.number) {
        sql.append(" AND i.number ").append(cmp).append(" :afterNumber");
      } else {
        sql.append(" AND (")
            .append(column)
            .append(", i.number) ")
            .append(cmp)
            .append(" (:afterValue, :afterNumber)");
        params.put("afterValue", q.after().typedValue(q.sort()));
      }
      params.put("afterNumber", q.after().number());
    }
    String dir = q.descending() ? " DESC" : " ASC";
    sql.append(" ORDER BY ").append(column).append(dir);
    if (q.sort() != InvoiceQuery.Sort.number) {
      sql.append(", i.number").append(dir);
    }
    sql.append(" LIMIT ").append(q.limit() + 1);
    List<InvoiceView> rows =
        new ArrayList<>(
            jdbc.sql(sql.toString()).params(params).query(RecordRows.of(InvoiceView.class)).list());
    String next = null;
    if (rows.size() > q.limit()) {
      rows.remove(rows.size() - 1);
      InvoiceView last = rows.get(rows.size() - 1);
      String value =
          switch (q.sort()) {
            case invoiceDate -> last.invoiceDate().toString();
            case dueDate -> last.dueDate().toString();
            case amount -> last.amount().toPlainString();
            case number -> last.number();
          };
      next = new InvoiceQuery.Cursor(value, last.number()).encode();
    }
    return new Page(rows, next);
  }
}
