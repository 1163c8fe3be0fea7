package io.peakhub.billing.payment;

import io.peakhub.billing.account.AccountRepository;
import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.AccountSummary;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.billing.invoice.InvoiceRepository;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Applies the account's credit balance (earlier overpayments) to an open invoice. */
@RestController
class CreditController {

  record ApplyCredit(@NotNull BigDecimal amount) {}

  private final AccountAccess access;
  private final AccountRepository accounts;
  private final AccountSummaries summaries;
  private final InvoiceRepository invoices;
  private final InvoiceBalances balances;
  private final Clock clock;

  CreditController(AccountAccess access, AccountRepository accounts, AccountSummaries summaries, InvoiceRepository invoices,
      InvoiceBalances balances, Clock clock) {
    this.access = access;
    this.accounts = accounts;
    this.summaries = summaries;
    this.invoices = invoices;
    this.balances = balances;
    this.clock = clock;
  }

  @PostMapping("/accounts/{accountId}/invoices/{invoiceId}/apply-credit")
  @Transactional
  public AccountSummary apply(@PathVariable UUID accountId, @PathVariable UUID invoiceId,
      @Valid @RequestBody ApplyCredit request) {
    access.require(accountId.toString(), Area.pay_invoices, Level.create);
    BillingAccount account = accounts.lock(accountId).orElseThrow(() -> new NotFoundException("Account", accountId))
        .requireActive("no changes are allowed");
    BigDecimal amount = Money.positive("amount", request.amount(), account.currency());
    BigDecimal balance = invoices.lockBalance(accountId, invoiceId).orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
    if (amount.compareTo(balance) > 0) {
      throw new InvalidInputException("amount", "'amount' is more than the invoice's balance of " + balance.toPlainString() + ".");
    }
    if (amount.compareTo(account.creditBalance()) > 0) {
      throw new InvalidInputException("amount", "'amount' is more than the credit balance of "
          + Money.atScale(account.creditBalance(), account.currency()).toPlainString() + ".");
    }
    Instant now = clock.instant();
    accounts.setCreditBalance(accountId, account.creditBalance().subtract(amount), now);
    balances.apply(accountId, invoiceId, amount, null);
    return summaries.changed(accountId, now);
  }
}
