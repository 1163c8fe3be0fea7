package io.peakhub.billing.invoice;

import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.platform.outbox.Outbox;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes an invoice with its lines and announces it (InvoiceIssued.v1, then the account's
 * BalanceChanged.v1), whoever issues it: an admin through the API or billing itself for a
 * subscription's charges. The caller holds the account's lock and has priced the lines.
 */
@Service
public class InvoiceIssuer {

  /** InvoiceIssued.v1's body, and the admin API's answer. */
  public record IssuedInvoice(InvoiceView invoice, List<InvoiceLines.Line> lines) {}

  private final JdbcClient jdbc;
  private final InvoiceRepository invoices;
  private final AccountSummaries summaries;
  private final Outbox outbox;
  private final Clock clock;

  InvoiceIssuer(
      JdbcClient jdbc,
      InvoiceRepository invoices,
      AccountSummaries summaries,
      Outbox outbox,
      Clock clock) {
    this.jdbc = jdbc;
    this.invoices = invoices;
    this.summaries = summaries;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The next free number of billing's own series for the year: INV-2026-500000 and up. */
  @Transactional(propagation = Propagation.MANDATORY)
  public String nextNumber(LocalDate invoiceDate) {
    while (true) {
      long n = jdbc.sql("SELECT nextval('invoice_number_seq')").query(Long.class).single();
      String number = "INV-%d-%06d".formatted(invoiceDate.getYear(), n % 1_000_000);
      if (jdbc.sql("SELECT count(*) FROM invoice WHERE number = :n")
              .param("n", number)
              .query(Integer.class)
              .single()
          == 0) {
        return number;
      }
    }
  }

  /**
   * Issues a posted invoice whose amount is the lines' total (greater than zero), in the account's
   * currency, which the invoice keeps.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public IssuedInvoice issue(
      UUID accountId,
      String number,
      LocalDate invoiceDate,
      LocalDate dueDate,
      List<InvoiceLines.Line> lines,
      BigDecimal amount,
      String currency,
      String by) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO invoice (id, account_id, number, invoice_date, due_date, amount, balance, status, currency,
                                 created_at, created_by)
            VALUES (:id, :a, :n, :d, :due, :amount, :amount, 'posted', :currency, :now, :by)""")
        .param("id", id)
        .param("a", accountId)
        .param("n", number)
        .param("d", invoiceDate)
        .param("due", dueDate)
        .param("amount", amount)
        .param("currency", currency)
        .param("now", Timestamp.from(now))
        .param("by", by)
        .update();
    for (InvoiceLines.Line line : lines) {
      jdbc.sql(
              """
              INSERT INTO invoice_line (invoice_id, line_no, description, quantity, unit_price, tax_rate, tax, amount)
              VALUES (:id, :no, :d, :q, :p, :r, :t, :a)""")
          .param("id", id)
          .param("no", line.lineNo())
          .param("d", line.description())
          .param("q", line.quantity())
          .param("p", line.unitPrice())
          .param("r", line.taxRate())
          .param("t", line.tax())
          .param("a", line.amount())
          .update();
    }
    IssuedInvoice issued =
        new IssuedInvoice(invoices.find(accountId, id, LocalDate.now(clock)).orElseThrow(), lines);
    outbox.append(InvoiceBalances.TOPIC, accountId.toString(), "InvoiceIssued.v1", issued);
    summaries.changed(accountId, now);
    return issued;
  }
}
