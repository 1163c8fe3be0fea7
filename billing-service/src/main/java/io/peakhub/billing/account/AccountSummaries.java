package io.peakhub.billing.account;

import io.peakhub.platform.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.NotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Computes account summaries and announces every change of one as BalanceChanged.v1. */
@Service
public class AccountSummaries {

  public static final String TOPIC = "billing.account";

  private final AccountRepository accounts;
  private final InvoiceTotals invoices;
  private final PaymentTotals payments;
  private final Outbox outbox;

  AccountSummaries(
      AccountRepository accounts, InvoiceTotals invoices, PaymentTotals payments, Outbox outbox) {
    this.accounts = accounts;
    this.invoices = invoices;
    this.payments = payments;
    this.outbox = outbox;
  }

  @Transactional(readOnly = true)
  public AccountSummary of(UUID accountId) {
    BillingAccount a =
        accounts.find(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
    BigDecimal balance = invoices.openBalance(accountId);
    PaymentTotals.LastPayment last = payments.lastSucceeded(accountId).orElse(null);
    LocalDate lastInvoice = invoices.lastInvoiceDate(accountId).orElse(null);
    return new AccountSummary(
        a.id(),
        a.number(),
        a.name(),
        a.currency(),
        a.status(),
        Money.atScale(balance, a.currency()),
        Money.atScale(a.creditBalance(), a.currency()),
        last == null ? null : Money.atScale(last.amount(), a.currency()),
        last == null ? null : last.at(),
        lastInvoice,
        a.updatedAt());
  }

  /**
   * Announces the current summary of one page of accounts again (BalanceChanged.v1), without
   * changing them: how readers such as portal-bff's read model learn of accounts loaded past the
   * outbox (the bulk generator) or rebuild after losing their copy. Returns the ids announced, in
   * id order.
   */
  @Transactional
  public java.util.List<UUID> announcePage(UUID after, int pageSize) {
    java.util.List<UUID> ids = accounts.idsAfter(after, pageSize);
    for (UUID id : ids) {
      outbox.append(TOPIC, id.toString(), "BalanceChanged.v1", of(id));
    }
    return ids;
  }

  /**
   * Call after changing an account's money, in the same transaction: stamps the change and emits
   * the event.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public AccountSummary changed(UUID accountId, Instant now) {
    accounts.touch(accountId, now);
    AccountSummary summary = of(accountId);
    outbox.append(TOPIC, accountId.toString(), "BalanceChanged.v1", summary);
    return summary;
  }
}
