package io.peakhub.billing.invoice;

import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.invoice.InvoiceIssuer.IssuedInvoice;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

  record LineRequest(
      @NotBlank @Size(max = 500) String description,
      @NotNull BigDecimal quantity,
      @NotNull BigDecimal unitPrice,
      BigDecimal taxRate) {}

  record IssueInvoice(
      @NotNull LocalDate invoiceDate,
      @NotNull LocalDate dueDate,
      @NotNull @Size(min = 1, max = 200) List<@Valid @NotNull LineRequest> lines) {}

  record VoidInvoice(@NotBlank @Size(max = 500) String reason) {}

  /** InvoiceVoided.v1: an admin voided an invoice nothing had been paid on. */
  record InvoiceVoided(UUID invoiceId, String number, String reason, String by) {

    static final String TYPE = "InvoiceVoided.v1";
  }

  private final InvoiceRepository invoices;
  private final Accounts accounts;
  private final AccountSummaries summaries;
  private final InvoiceIssuer issuer;
  private final Outbox outbox;
  private final Clock clock;

  InvoiceAdminController(
      InvoiceRepository invoices,
      Accounts accounts,
      AccountSummaries summaries,
      InvoiceIssuer issuer,
      Outbox outbox,
      Clock clock) {
    this.invoices = invoices;
    this.accounts = accounts;
    this.summaries = summaries;
    this.issuer = issuer;
    this.outbox = outbox;
    this.clock = clock;
  }

  @PutMapping("/admin/accounts/{accountId}/invoices/{number}")
  @Transactional
  public IssuedInvoice issue(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = "INV-[0-9]{4}-[0-9]{6}") String number,
      @Valid @RequestBody IssueInvoice request) {
    BillingAccount account = accounts.lock(accountId);
    List<InvoiceLines.Line> lines =
        InvoiceLines.price(
            request.lines().stream()
                .map(
                    l ->
                        new InvoiceLines.LineInput(
                            l.description(), l.quantity(), l.unitPrice(), l.taxRate()))
                .toList(),
            account.currency());
    BigDecimal amount =
        Money.positive("lines", InvoiceLines.total(lines, account.currency()), account.currency());
    if (request.dueDate().isBefore(request.invoiceDate())) {
      throw new InvalidInputException("dueDate", "'dueDate' cannot be before 'invoiceDate'.");
    }
    var existing = invoices.findByNumber(number);
    if (existing.isPresent()) {
      InvoiceRepository.Numbered e = existing.get();
      if (!e.accountId().equals(accountId)
          || e.amount().compareTo(amount) != 0
          || !e.invoiceDate().equals(request.invoiceDate())) {
        throw new ConflictException(
            "duplicate-invoice-number", "Invoice " + number + " exists with other content.");
      }
      return new IssuedInvoice(
          invoices.find(accountId, e.id(), LocalDate.now(clock)).orElseThrow(),
          invoices.lines(e.id()));
    }
    account.requireActive("no invoices can be issued");
    return issuer.issue(
        accountId,
        number,
        request.invoiceDate(),
        request.dueDate(),
        lines,
        amount,
        account.currency(),
        CurrentUser.get().username());
  }

  /** Voids an invoice nothing has been paid on; it then counts toward no balance. */
  @PostMapping("/admin/accounts/{accountId}/invoices/{invoiceId}/void")
  @Transactional
  public InvoiceView voidInvoice(
      @PathVariable UUID accountId,
      @PathVariable UUID invoiceId,
      @Valid @RequestBody VoidInvoice request) {
    accounts.lock(accountId);
    InvoiceView invoice =
        invoices
            .find(accountId, invoiceId, LocalDate.now(clock))
            .orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
    if (invoice.status().equals("void")) {
      return invoice;
    }
    if (invoice.balance().compareTo(invoice.amount()) != 0) {
      throw new ConflictException(
          "invoice-has-payments",
          "Invoice "
              + invoice.number()
              + " has payments applied; refund or credit them before voiding.");
    }
    invoices.markVoid(invoiceId);
    Instant now = clock.instant();
    outbox.append(
        TOPIC,
        accountId.toString(),
        InvoiceVoided.TYPE,
        new InvoiceVoided(
            invoiceId, invoice.number(), request.reason(), CurrentUser.get().username()));
    summaries.changed(accountId, now);
    return invoices.find(accountId, invoiceId, LocalDate.now(clock)).orElseThrow();
  }
}
