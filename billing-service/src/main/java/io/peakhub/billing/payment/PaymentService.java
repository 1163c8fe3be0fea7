package io.peakhub.billing.payment;

import io.peakhub.billing.account.AccountRepository;
import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.gateway.PaymentGateway;
import io.peakhub.billing.money.Money;
import io.peakhub.billing.paymentmethod.PaymentMethodRepository;
import io.peakhub.billing.paymentmethod.PaymentMethodRepository.StoredMethod;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges a saved payment method through the gateway and records the payment and its allocation
 * to invoices in one transaction, with its events. The account row lock serialises payments of one
 * account, so concurrent requests with one Idempotency-Key find the first one's row and replay its
 * answer (a failed charge too): one charge, one payment row. A failed charge is recorded and
 * committed, then answered as a problem.
 */
@Service
class PaymentService {

  static final String TOPIC = "billing.payment";
  static final String INVOICE_TOPIC = "billing.invoice";

  /** Pays with a saved method (paymentMethodId, else the default) or a new card used once (cardToken). */
  record PayCommand(BigDecimal amount, String currency, UUID paymentMethodId, String cardToken,
      List<PaymentAllocator.Allocation> invoices, boolean overpayToCredit) {

    String fingerprint() {
      // stored with every payment: fields added later only appear when set, so earlier keys still match
      StringBuilder sb = new StringBuilder(amount.stripTrailingZeros().toPlainString()).append('|').append(currency)
          .append('|').append(paymentMethodId).append('|').append(overpayToCredit);
      if (cardToken != null) {
        sb.append("|card=").append(cardToken);
      }
      if (invoices != null) {
        invoices.forEach(a -> sb.append('|').append(a.invoiceId()).append('=').append(a.amount().stripTrailingZeros().toPlainString()));
      }
      return sb.toString();
    }
  }

  /** The payment, whether this call replayed an earlier answer, and the problem to answer if the charge failed. */
  record Outcome(PaymentView payment, boolean replayed, ProblemException failure) {}

  private record Stored(UUID id, UUID accountId, BigDecimal amount, String currency, String status, Instant createdAt,
      String requestHash, String failureReason, BigDecimal toCredit) {}

  private final JdbcClient jdbc;
  private final AccountRepository accounts;
  private final PaymentMethodRepository methods;
  private final AccountSummaries summaries;
  private final PaymentGateway gateway;
  private final Outbox outbox;
  private final Clock clock;

  PaymentService(JdbcClient jdbc, AccountRepository accounts, PaymentMethodRepository methods,
      AccountSummaries summaries, PaymentGateway gateway, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.methods = methods;
    this.summaries = summaries;
    this.gateway = gateway;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public Outcome pay(UUID accountId, String idempotencyKey, PayCommand command) {
    BillingAccount account = accounts.lock(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
    String hash = hash(command.fingerprint());
    var previous = jdbc.sql("""
            SELECT p.id, p.account_id, p.amount, p.currency, p.status, p.created_at, p.request_hash, p.failure_reason,
                   p.amount - coalesce((SELECT sum(a.amount) FROM payment_allocation a WHERE a.payment_id = p.id), 0) AS to_credit
            FROM payment p WHERE p.account_id = :a AND p.idempotency_key = :k""")
        .param("a", accountId).param("k", idempotencyKey).query(Stored.class).optional();
    if (previous.isPresent()) {
      Stored p = previous.get();
      if (!p.requestHash().equals(hash)) {
        throw new ConflictException("idempotency-key-reused",
            "This Idempotency-Key was used for a different payment. Use a new key for a new payment.");
      }
      PaymentView view = view(p, account.currency());
      return new Outcome(view, true, p.failureReason() == null ? null : failure(p.failureReason()));
    }
    account.requireActive("payments are not accepted");
    if (!account.currency().equals(command.currency())) {
      throw new InvalidInputException("currency", "This account is billed in " + account.currency() + ", not " + command.currency() + ".");
    }
    BigDecimal amount = Money.positive("amount", command.amount(), command.currency());
    StoredMethod method = command.cardToken() != null ? oneOffCard(accountId, command)
        : paymentMethod(accountId, command.paymentMethodId());

    List<PaymentAllocator.OpenInvoice> open = jdbc.sql("""
            SELECT id, balance FROM invoice WHERE account_id = :a AND balance > 0 AND status <> 'void'
            ORDER BY due_date, number FOR UPDATE""")
        .param("a", accountId).query(PaymentAllocator.OpenInvoice.class).list();
    PaymentAllocator.Result result;
    if (command.invoices() == null || command.invoices().isEmpty()) {
      result = PaymentAllocator.allocate(amount, open);
    } else {
      var chosen = command.invoices().stream()
          .map(a -> new PaymentAllocator.Allocation(a.invoiceId(), a.amount() == null ? BigDecimal.ZERO
              : Money.atScale(a.amount(), command.currency())))
          .toList();
      result = PaymentAllocator.allocateAsChosen(amount, chosen, open);
    }
    if (result.credit().signum() > 0 && !command.overpayToCredit()) {
      throw new InvalidInputException("amount", "This pays " + result.credit().toPlainString() + " " + command.currency()
          + " more than the invoices need. Lower the amount, or set overpayToCredit to keep the rest as credit.");
    }

    Instant now = clock.instant();
    UUID paymentId = UUID.randomUUID();
    PaymentGateway.Charge charge = gateway.charge(method.token(), amount, command.currency(), paymentId.toString());
    String failureReason = switch (charge.outcome()) {
      case SUCCEEDED -> null;
      case DECLINED -> "card_declined";
      case INSUFFICIENT_FUNDS -> "insufficient_funds";
      case TIMEOUT -> "gateway_timeout";
    };
    CurrentUser user = CurrentUser.get();
    jdbc.sql("""
            INSERT INTO payment (id, account_id, amount, currency, status, idempotency_key, request_hash, created_at,
                                 created_by, acting_admin, payment_method_id, method_label, gateway_reference, failure_reason)
            VALUES (:id, :a, :amount, :c, :status, :k, :h, :now, :by, :admin, :pm, :label, :ref, :failure)""")
        .param("id", paymentId).param("a", accountId).param("amount", amount).param("c", command.currency())
        .param("status", failureReason == null ? "succeeded" : "failed")
        .param("k", idempotencyKey).param("h", hash).param("now", Timestamp.from(now))
        .param("by", user.username()).param("admin", user.impersonatorId()).param("pm", method.id())
        .param("label", method.label()).param("ref", charge.reference()).param("failure", failureReason).update();

    if (failureReason != null) {
      PaymentView failed = new PaymentView(paymentId, accountId, amount, command.currency(), "failed", now, List.of(),
          BigDecimal.ZERO);
      outbox.append(TOPIC, accountId.toString(), "PaymentFailed.v1", Map.of("payment", failed, "reason", failureReason));
      return new Outcome(failed, false, failure(failureReason));
    }
    for (PaymentAllocator.Allocation allocation : result.allocations()) {
      jdbc.sql("INSERT INTO payment_allocation (payment_id, invoice_id, amount) VALUES (:p, :i, :amount)")
          .param("p", paymentId).param("i", allocation.invoiceId()).param("amount", allocation.amount()).update();
      applyToInvoice(accountId, allocation.invoiceId(), allocation.amount(), paymentId);
    }
    if (result.credit().signum() > 0) {
      accounts.setCreditBalance(accountId, account.creditBalance().add(result.credit()), now);
    }
    PaymentView view = new PaymentView(paymentId, accountId, amount, command.currency(), "succeeded", now,
        result.allocations(), result.credit());
    outbox.append(TOPIC, accountId.toString(), "PaymentSucceeded.v1", view);
    summaries.changed(accountId, now);
    return new Outcome(view, false, null);
  }

  /** Lowers an invoice's balance; an invoice that reaches zero is announced as InvoicePaid.v1. */
  void applyToInvoice(UUID accountId, UUID invoiceId, BigDecimal amount, UUID paymentId) {
    BigDecimal balance = jdbc.sql("""
            UPDATE invoice SET balance = balance - :amount,
                   status = CASE WHEN balance - :amount = 0 THEN 'paid' ELSE 'partially_paid' END
            WHERE id = :i RETURNING balance""")
        .param("amount", amount).param("i", invoiceId).query(BigDecimal.class).single();
    if (balance.signum() == 0) {
      String number = jdbc.sql("SELECT number FROM invoice WHERE id = :i").param("i", invoiceId).query(String.class).single();
      outbox.append(INVOICE_TOPIC, accountId.toString(), "InvoicePaid.v1",
          Map.of("invoiceId", invoiceId, "number", number, "lastPaymentId", paymentId == null ? "credit" : paymentId.toString()));
    }
  }

  /** A new card, tokenized by the processor, used for this payment only and not saved. */
  private StoredMethod oneOffCard(UUID accountId, PayCommand command) {
    if (command.paymentMethodId() != null) {
      throw new InvalidInputException("cardToken", "Send either paymentMethodId or cardToken, not both.");
    }
    var card = gateway.describe(command.cardToken())
        .orElseThrow(() -> new InvalidInputException("cardToken", "The processor does not know this card token."));
    StoredMethod method = new StoredMethod(null, accountId, "card", command.cardToken(), card.brand(), card.last4(),
        card.expMonth(), card.expYear(), null, false);
    if (method.expired(YearMonth.now(clock))) {
      throw new InvalidInputException("cardToken", "This card has expired.");
    }
    return method;
  }

  private StoredMethod paymentMethod(UUID accountId, UUID requested) {
    StoredMethod method = requested == null
        ? methods.defaultOf(accountId).orElseThrow(() -> new InvalidInputException("paymentMethodId",
            "This account has no default payment method. Add one, or choose a saved one."))
        : methods.find(accountId, requested).orElseThrow(() -> new InvalidInputException("paymentMethodId",
            "Payment method " + requested + " is not a saved method of this account."));
    if (method.expired(YearMonth.now(clock))) {
      throw new InvalidInputException("paymentMethodId", "The card ending " + method.last4() + " has expired.");
    }
    return method;
  }

  private static ProblemException failure(String reason) {
    return switch (reason) {
      case "card_declined" -> new ProblemException(HttpStatus.PAYMENT_REQUIRED, "card-declined",
          "The card was declined. Use another payment method.");
      case "insufficient_funds" -> new ProblemException(HttpStatus.PAYMENT_REQUIRED, "insufficient-funds",
          "The card has insufficient funds. Use another payment method or a smaller amount.");
      default -> new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
          "The payment processor did not answer in time; nothing was charged. Try again with a new Idempotency-Key.");
    };
  }

  private PaymentView view(Stored p, String currency) {
    List<PaymentAllocator.Allocation> allocations = jdbc.sql(
            "SELECT invoice_id, amount FROM payment_allocation WHERE payment_id = :p ORDER BY invoice_id")
        .param("p", p.id()).query(PaymentAllocator.Allocation.class).list();
    return new PaymentView(p.id(), p.accountId(), Money.atScale(p.amount(), currency), p.currency(), p.status(),
        p.createdAt(), allocations.stream().map(a -> new PaymentAllocator.Allocation(a.invoiceId(),
            Money.atScale(a.amount(), currency))).toList(),
        "failed".equals(p.status()) ? BigDecimal.ZERO : Money.atScale(p.toCredit(), currency));
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
