package io.peakhub.billing.payment;

import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.gateway.PaymentGateway;
import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.billing.paymentmethod.PaymentMethodRepository.StoredMethod;
import io.peakhub.billing.paymentmethod.SavedPaymentMethods;
import io.peakhub.platform.idempotency.IdempotencyKey;
import io.peakhub.platform.idempotency.IdempotentReplay;
import io.peakhub.platform.money.Money;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first step of a payment: the Idempotency-Key and the request's fingerprint, the checks, and
 * the payment recorded as pending, in one short transaction that commits before the processor is
 * called. The account row lock serialises this per account, so concurrent requests with one key
 * find the first one's row: one payment per key.
 */
@Service
class PaymentRequests {

  /**
   * The payment the key stands for; {@code created} when this call recorded it, with the token to
   * charge.
   */
  record Recorded(PaymentRepository.StoredPayment payment, boolean created, String token) {}

  private final Accounts accounts;
  private final SavedPaymentMethods methods;
  private final InvoiceBalances invoices;
  private final PaymentRepository payments;
  private final ProcessorCharges charges;
  private final PaymentGateway gateway;
  private final Clock clock;

  PaymentRequests(
      Accounts accounts,
      SavedPaymentMethods methods,
      InvoiceBalances invoices,
      PaymentRepository payments,
      ProcessorCharges charges,
      PaymentGateway gateway,
      Clock clock) {
    this.accounts = accounts;
    this.methods = methods;
    this.invoices = invoices;
    this.payments = payments;
    this.charges = charges;
    this.gateway = gateway;
    this.clock = clock;
  }

  @Transactional
  public Recorded record(UUID accountId, String idempotencyKey, PayCommand command) {
    BillingAccount account = accounts.lock(accountId);
    String hash = IdempotencyKey.fingerprint(command.fingerprint());
    return IdempotentReplay.replayOrRun(
        hash,
        () -> payments.findByKey(accountId, idempotencyKey),
        PaymentRepository.StoredPayment::requestHash,
        "payment",
        previous -> new Recorded(previous, false, null),
        () -> recordFirst(account, idempotencyKey, hash, command));
  }

  private Recorded recordFirst(
      BillingAccount account, String idempotencyKey, String hash, PayCommand command) {
    UUID accountId = account.id();
    account.requireActive("payments are not accepted");
    if (!account.currency().equals(command.currency())) {
      throw new InvalidInputException(
          "currency",
          "This account is billed in " + account.currency() + ", not " + command.currency() + ".");
    }
    BigDecimal amount = Money.positive("amount", command.amount(), command.currency());
    StoredMethod method =
        command.cardToken() != null
            ? oneOffCard(accountId, command)
            : paymentMethod(accountId, command.paymentMethodId());
    List<PaymentAllocator.Allocation> chosen = chosenInvoices(accountId, amount, command);

    CurrentUser user = CurrentUser.get();
    UUID paymentId = UUID.randomUUID();
    var row =
        new PaymentRepository.NewPayment(
            paymentId,
            accountId,
            amount,
            command.currency(),
            idempotencyKey,
            hash,
            clock.instant(),
            user.username(),
            user.impersonatorId(),
            method.id(),
            method.label(),
            chosen,
            command.overpayToCredit());
    payments.insertPending(row);
    charges.expect(paymentId);
    return new Recorded(payments.find(paymentId).orElseThrow(), true, method.token());
  }

  /**
   * Checks the split now, so a bad one is refused before anything is charged; answers the chosen
   * invoices at the currency's scale (empty: oldest due first). Settlement applies it to the
   * balances then.
   */
  private List<PaymentAllocator.Allocation> chosenInvoices(
      UUID accountId, BigDecimal amount, PayCommand command) {
    List<PaymentAllocator.OpenInvoice> open =
        invoices.lockOpen(accountId).stream()
            .map(i -> new PaymentAllocator.OpenInvoice(i.id(), i.balance()))
            .toList();
    List<PaymentAllocator.Allocation> chosen =
        command.invoices() == null
            ? List.of()
            : command.invoices().stream()
                .map(
                    a ->
                        new PaymentAllocator.Allocation(
                            a.invoiceId(),
                            a.amount() == null
                                ? BigDecimal.ZERO
                                : Money.atScale(a.amount(), command.currency())))
                .toList();
    PaymentAllocator.Result result =
        chosen.isEmpty()
            ? PaymentAllocator.allocate(amount, open)
            : PaymentAllocator.allocateAsChosen(amount, chosen, open);
    if (result.credit().signum() > 0 && !command.overpayToCredit()) {
      throw new InvalidInputException(
          "amount",
          "This pays "
              + result.credit().toPlainString()
              + " "
              + command.currency()
              + " more than the invoices need. Lower the amount, or set overpayToCredit to keep the rest as credit.");
    }
    return chosen;
  }

  /** A new card, tokenized by the processor, used for this payment only and not saved. */
  private StoredMethod oneOffCard(UUID accountId, PayCommand command) {
    if (command.paymentMethodId() != null) {
      throw new InvalidInputException(
          "cardToken", "Send either paymentMethodId or cardToken, not both.");
    }
    var card =
        gateway
            .describe(command.cardToken())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "cardToken", "The processor does not know this card token."));
    StoredMethod method =
        new StoredMethod(
            null,
            accountId,
            "card",
            command.cardToken(),
            card.brand(),
            card.last4(),
            card.expMonth(),
            card.expYear(),
            null,
            false);
    if (method.expired(YearMonth.now(clock))) {
      throw new InvalidInputException("cardToken", "This card has expired.");
    }
    return method;
  }

  private StoredMethod paymentMethod(UUID accountId, UUID requested) {
    StoredMethod method =
        requested == null
            ? methods
                .defaultOf(accountId)
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            "paymentMethodId",
                            "This account has no default payment method. Add one, or choose a saved one."))
            : methods
                .find(accountId, requested)
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            "paymentMethodId",
                            "Payment method "
                                + requested
                                + " is not a saved method of this account."));
    if (method.expired(YearMonth.now(clock))) {
      throw new InvalidInputException(
          "paymentMethodId", "The card ending " + method.last4() + " has expired.");
    }
    return method;
  }
}
