package io.peakhub.billing.payment;

import io.peakhub.billing.account.AccountRepository;
import io.peakhub.billing.account.AccountSummaries;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.security.CurrentUser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a payment and its allocation to open invoices in one transaction, with its events. The
 * account row lock serialises payments of one account, so concurrent requests with one
 * Idempotency-Key find the first one's row and replay it: one charge, one payment row.
 */
@Service
class PaymentService {

  static final String TOPIC = "billing.payment";

  record Outcome(PaymentView payment, boolean replayed) {}

  private record Stored(UUID id, UUID accountId, BigDecimal amount, String currency, String status, Instant createdAt,
      String requestHash, BigDecimal toCredit) {}

  private final JdbcClient jdbc;
  private final AccountRepository accounts;
  private final AccountSummaries summaries;
  private final Outbox outbox;
  private final Clock clock;

  PaymentService(JdbcClient jdbc, AccountRepository accounts, AccountSummaries summaries, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.accounts = accounts;
    this.summaries = summaries;
    this.outbox = outbox;
    this.clock = clock;
  }

  @Transactional
  public Outcome pay(UUID accountId, String idempotencyKey, BigDecimal requested, String currency) {
    BillingAccount account = accounts.lock(accountId).orElseThrow(() -> new NotFoundException("Account", accountId));
    String hash = hash(requested.stripTrailingZeros().toPlainString() + "|" + currency);
    var previous = jdbc.sql("""
            SELECT p.id, p.account_id, p.amount, p.currency, p.status, p.created_at, p.request_hash,
                   p.amount - coalesce((SELECT sum(a.amount) FROM payment_allocation a WHERE a.payment_id = p.id), 0) AS to_credit
            FROM payment p WHERE p.account_id = :a AND p.idempotency_key = :k""")
        .param("a", accountId).param("k", idempotencyKey).query(Stored.class).optional();
    if (previous.isPresent()) {
      if (!previous.get().requestHash().equals(hash)) {
        throw new ConflictException("idempotency-key-reused",
            "This Idempotency-Key was used for a different payment. Use a new key for a new payment.");
      }
      return new Outcome(view(previous.get(), account.currency()), true);
    }
    if (!account.active()) {
      throw new ConflictException("account-inactive", "Account " + account.number() + " is inactive: payments are not accepted.");
    }
    if (!account.currency().equals(currency)) {
      throw new InvalidInputException("currency", "This account is billed in " + account.currency() + ", not " + currency + ".");
    }
    BigDecimal amount = Money.positive("amount", requested, currency);

    List<PaymentAllocator.OpenInvoice> open = jdbc.sql("""
            SELECT id, balance FROM invoice WHERE account_id = :a AND balance > 0 AND status <> 'void'
            ORDER BY due_date, number FOR UPDATE""")
        .param("a", accountId).query(PaymentAllocator.OpenInvoice.class).list();
    PaymentAllocator.Result result = PaymentAllocator.allocate(amount, open);

    Instant now = clock.instant();
    UUID paymentId = UUID.randomUUID();
    CurrentUser user = CurrentUser.get();
    jdbc.sql("""
            INSERT INTO payment (id, account_id, amount, currency, status, idempotency_key, request_hash, created_at, created_by, acting_admin)
            VALUES (:id, :a, :amount, :c, 'succeeded', :k, :h, :now, :by, :admin)""")
        .param("id", paymentId).param("a", accountId).param("amount", amount).param("c", currency)
        .param("k", idempotencyKey).param("h", hash).param("now", Timestamp.from(now))
        .param("by", user.username()).param("admin", user.impersonatorId()).update();
    for (PaymentAllocator.Allocation allocation : result.allocations()) {
      jdbc.sql("INSERT INTO payment_allocation (payment_id, invoice_id, amount) VALUES (:p, :i, :amount)")
          .param("p", paymentId).param("i", allocation.invoiceId()).param("amount", allocation.amount()).update();
      jdbc.sql("""
              UPDATE invoice SET balance = balance - :amount,
                     status = CASE WHEN balance - :amount = 0 THEN 'paid' ELSE 'partially_paid' END
              WHERE id = :i""")
          .param("amount", allocation.amount()).param("i", allocation.invoiceId()).update();
    }
    if (result.credit().signum() > 0) {
      accounts.setCreditBalance(accountId, account.creditBalance().add(result.credit()), now);
    }
    PaymentView view = new PaymentView(paymentId, accountId, amount, currency, "succeeded", now, result.allocations(),
        result.credit());
    outbox.append(TOPIC, accountId.toString(), "PaymentSucceeded.v1", view);
    summaries.changed(accountId, now);
    return new Outcome(view, false);
  }

  private PaymentView view(Stored p, String currency) {
    List<PaymentAllocator.Allocation> allocations = jdbc.sql(
            "SELECT invoice_id, amount FROM payment_allocation WHERE payment_id = :p ORDER BY invoice_id")
        .param("p", p.id()).query(PaymentAllocator.Allocation.class).list();
    return new PaymentView(p.id(), p.accountId(), Money.atScale(p.amount(), currency), p.currency(), p.status(),
        p.createdAt(), allocations.stream().map(a -> new PaymentAllocator.Allocation(a.invoiceId(),
            Money.atScale(a.amount(), currency))).toList(), Money.atScale(p.toCredit(), currency));
  }

  private static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
