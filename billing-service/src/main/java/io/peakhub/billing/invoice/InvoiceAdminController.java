package io.peakhub.billing.invoice;

import io.peakhub.billing.account.AccountRepository;
import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal, admin-only: issues an invoice for an account. Idempotent by invoice number: issuing the
 * same number again with the same content answers the existing invoice.
 */
@RestController
@PreAuthorize("hasRole('admin')")
class InvoiceAdminController {

  static final String TOPIC = "billing.invoice";

  record IssueInvoice(@NotNull LocalDate invoiceDate, @NotNull LocalDate dueDate, @NotNull BigDecimal amount) {}

  record InvoiceView(UUID id, UUID accountId, String number, LocalDate invoiceDate, LocalDate dueDate, BigDecimal amount,
      BigDecimal balance, String status) {}

  private final JdbcClient jdbc;
  private final AccountRepository accounts;
  private final AccountSummaries summaries;
  private final Outbox outbox;
  private final Clock clock;

  InvoiceAdminController(JdbcClient jdbc, AccountRepository accounts, AccountSummaries summaries, Outbox outbox,
      Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.summaries = summaries;
    this.outbox = outbox;
    this.clock = clock;
  }

  @PutMapping("/admin/accounts/{accountId}/invoices/{number}")
  @Transactional
  public InvoiceView issue(@PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = "INV-[0-9]{4}-[0-9]{6}") String number, @Valid @RequestBody IssueInvoice request) {
    BillingAccount account = accounts.lock(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
    BigDecimal amount = Money.positive("amount", request.amount(), account.currency());
    if (request.dueDate().isBefore(request.invoiceDate())) {
      throw new InvalidInputException("dueDate", "'dueDate' cannot be before 'invoiceDate'.");
    }
    var existing = jdbc.sql("""
            SELECT id, account_id, number, invoice_date, due_date, amount, balance, status FROM invoice WHERE number = :n""")
        .param("n", number).query(InvoiceView.class).optional();
    if (existing.isPresent()) {
      InvoiceView e = existing.get();
      if (!e.accountId().equals(accountId) || e.amount().compareTo(amount) != 0 || !e.invoiceDate().equals(request.invoiceDate())) {
        throw new ConflictException("duplicate-invoice-number", "Invoice " + number + " exists with other content.");
      }
      return e;
    }
    if (!account.active()) {
      throw new ConflictException("account-inactive", "Account " + account.number() + " is inactive: no invoices can be issued.");
    }
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    jdbc.sql("""
            INSERT INTO invoice (id, account_id, number, invoice_date, due_date, amount, balance, status, created_at, created_by)
            VALUES (:id, :a, :n, :d, :due, :amount, :amount, 'posted', :now, :by)""")
        .param("id", id).param("a", accountId).param("n", number).param("d", request.invoiceDate())
        .param("due", request.dueDate()).param("amount", amount).param("now", Timestamp.from(now))
        .param("by", CurrentUser.get().username()).update();
    InvoiceView view = new InvoiceView(id, accountId, number, request.invoiceDate(), request.dueDate(), amount, amount, "posted");
    outbox.append(TOPIC, accountId.toString(), "InvoiceIssued.v1", Map.of("invoice", view, "currency", account.currency()));
    summaries.changed(accountId, now);
    return view;
  }
}
