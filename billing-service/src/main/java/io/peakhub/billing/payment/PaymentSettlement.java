package io.peakhub.billing.payment;

import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The last step of a payment, after the processor answered: a charged payment is allocated to the
 * invoices (as chosen, else oldest due first; what they no longer need becomes credit, since the
 * money was taken), the balances change and the events are written; a refused one is failed. Each
 * runs in its own transaction that locks the account and then the payment while it is still
 * pending, so however many callers (the request, a retry, reconcilers) settle one payment, it is
 * settled once.
 */
@Service
class PaymentSettlement {

  static final String TOPIC = "billing.payment";

  /** PaymentFailed.v1's body. */
  record PaymentFailed(PaymentView payment, String reason) {}

  private final Accounts accounts;
  private final AccountSummaries summaries;
  private final InvoiceBalances balances;
  private final PaymentRepository payments;
  private final PaymentViews views;
  private final Outbox outbox;
  private final Clock clock;

  PaymentSettlement(
      Accounts accounts,
      AccountSummaries summaries,
      InvoiceBalances balances,
      PaymentRepository payments,
      PaymentViews views,
      Outbox outbox,
      Clock clock) {
    this.accounts = accounts;
    this.summaries = summaries;
    this.balances = balances;
    this.payments = payments;
    this.views = views;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Settles a charged payment; false when it was no longer pending (someone else settled or failed
   * it).
   */
  @Transactional
  public boolean settle(UUID paymentId, String reference) {
    UUID accountId = payments.find(paymentId).orElseThrow().accountId();
    BillingAccount account = accounts.lock(accountId);
    var payment = payments.lockPending(paymentId);
    if (payment.isEmpty()) {
      return false;
    }
    List<PaymentAllocator.OpenInvoice> open =
        balances.lockOpen(accountId).stream()
            .map(i -> new PaymentAllocator.OpenInvoice(i.id(), i.balance()))
            .toList();
    List<PaymentAllocator.Allocation> chosen = payments.requestedInvoices(paymentId);
    PaymentAllocator.Result result =
        chosen.isEmpty()
            ? PaymentAllocator.allocate(payment.get().amount(), open)
            : PaymentAllocator.settleAsChosen(payment.get().amount(), chosen, open);
    for (PaymentAllocator.Allocation allocation : result.allocations()) {
      payments.allocate(paymentId, allocation);
      balances.apply(accountId, allocation.invoiceId(), allocation.amount(), paymentId);
    }
    Instant now = clock.instant();
    if (result.credit().signum() > 0) {
      accounts.setCreditBalance(accountId, account.creditBalance().add(result.credit()), now);
    }
    payments.markSucceeded(paymentId, reference, now);
    outbox.append(TOPIC, accountId.toString(), "PaymentSucceeded.v1", views.of(paymentId));
    summaries.changed(accountId, now);
    return true;
  }

  /** Fails a payment nothing was charged for; false when it was no longer pending. */
  @Transactional
  public boolean fail(UUID paymentId, String reason, String reference) {
    UUID accountId = payments.find(paymentId).orElseThrow().accountId();
    accounts.lock(accountId);
    if (payments.lockPending(paymentId).isEmpty()) {
      return false;
    }
    payments.markFailed(paymentId, reason, reference, clock.instant());
    outbox.append(
        TOPIC,
        accountId.toString(),
        "PaymentFailed.v1",
        new PaymentFailed(views.of(paymentId), reason));
    return true;
  }
}
