package io.peakhub.bff.summary;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.platform.jdbc.RecordRows;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read model: account summaries (billing's BalanceChanged), each account's open invoices (for
 * the overdue amount) and its manager (identity's AccountManagerChanged).
 *
 * <p>An account's summary row copies figures from the side tables (open invoices, subscriptions,
 * the manager) that other listeners write on other threads. Under read committed, a summary
 * inserted while a manager event is being applied would see neither the other's row and keep a null
 * manager for good. So every write that touches an account's figures first takes that account's
 * transaction-scoped advisory lock ({@link #lockAccount}): the second writer waits and then sees
 * the first one's commit.
 */
@Repository
public class SummaryRepository {

  /** Overdue: open balance of invoices whose due date has passed. */
  private static final String OVERDUE =
      """
      (SELECT coalesce(sum(i.balance), 0) FROM open_invoice i WHERE i.account_id = :id AND i.due_date < :today)""";

  /** Subscriptions that count as active (trials included; their MRR is zero until they pay). */
  private static final String ACTIVE = "('active', 'trial')";

  private static final String ACTIVE_SUBSCRIPTIONS =
      """
      (SELECT count(*)::int FROM subscription_state t WHERE t.account_id = :id AND t.status IN """
          + ACTIVE
          + ")";
  private static final String MRR =
      """
      (SELECT coalesce(sum(t.mrr), 0) FROM subscription_state t WHERE t.account_id = :id)""";

  /** An account's subscription figures as the read model holds them. */
  public record SubscriptionTotals(
      int activeSubscriptions, BigDecimal monthlyRecurringRevenue, String currency) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  SummaryRepository(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<AccountSummary> find(UUID accountId) {
    return jdbc.sql(
            """
            SELECT account_id, account_number, name, currency, status, balance, credit_balance, last_payment_amount,
                   last_payment_at, last_invoice_date, as_of
            FROM account_summary WHERE account_id = :id""")
        .param("id", accountId)
        .query(RecordRows.of(AccountSummary.class))
        .optional();
  }

  /** Number and name of those of these accounts the read model holds, in one query. */
  public java.util.List<AccountName> names(java.util.Collection<UUID> accountIds) {
    if (accountIds.isEmpty()) {
      return java.util.List.of();
    }
    return jdbc.sql(
            "SELECT account_id, account_number, name FROM account_summary WHERE account_id IN (:ids)")
        .param("ids", accountIds)
        .query(RecordRows.of(AccountName.class))
        .list();
  }

  /**
   * Keeps the newest: a summary older than the stored one (late event, slow fetch) changes nothing.
   */
  @Transactional
  public boolean saveIfNewer(AccountSummary s) {
    lockAccount(s.accountId());
    return jdbc.sql(
                """
            INSERT INTO account_summary (account_id, account_number, name, currency, status, balance, credit_balance,
                                         last_payment_amount, last_payment_at, last_invoice_date, as_of,
                                         overdue_amount, account_manager, active_subscriptions, mrr)
            VALUES (:id, :number, :name, :currency, :status, :balance, :credit, :lastPayment, :lastPaymentAt,
                    :lastInvoice, :asOf, """
                    + OVERDUE
                    + """
                    , (SELECT m.manager_name FROM account_manager_assignment m WHERE m.account_id = :id), """
                    + ACTIVE_SUBSCRIPTIONS
                    + ", "
                    + MRR
                    + """
            )
            ON CONFLICT (account_id) DO UPDATE SET
                account_number = excluded.account_number, name = excluded.name, currency = excluded.currency,
                status = excluded.status, balance = excluded.balance, credit_balance = excluded.credit_balance,
                last_payment_amount = excluded.last_payment_amount, last_payment_at = excluded.last_payment_at,
                last_invoice_date = excluded.last_invoice_date, as_of = excluded.as_of
            WHERE account_summary.as_of <= excluded.as_of""")
            .param("id", s.accountId())
            .param("number", s.accountNumber())
            .param("name", s.name())
            .param("currency", s.currency())
            .param("status", s.status())
            .param("balance", s.balance())
            .param("credit", s.creditBalance())
            .param("lastPayment", s.lastPaymentAmount())
            .param(
                "lastPaymentAt",
                s.lastPaymentAt() == null ? null : Timestamp.from(s.lastPaymentAt()))
            .param("lastInvoice", s.lastInvoiceDate())
            .param("asOf", Timestamp.from(s.asOf()))
            .param("today", Date.valueOf(today()))
            .update()
        == 1;
  }

  /** An issued invoice with a balance is open; one without is not kept. */
  void invoiceIssued(UUID invoiceId, UUID accountId, LocalDate dueDate, BigDecimal balance) {
    if (balance.signum() <= 0) {
      return;
    }
    jdbc.sql(
            """
            INSERT INTO open_invoice (invoice_id, account_id, due_date, balance) VALUES (:i, :a, :due, :balance)
            ON CONFLICT (invoice_id) DO NOTHING""")
        .param("i", invoiceId)
        .param("a", accountId)
        .param("due", Date.valueOf(dueDate))
        .param("balance", balance)
        .update();
  }

  /** A payment allocated this much to the invoice; at zero it is no longer open. */
  void invoicePaidDown(UUID invoiceId, BigDecimal amount) {
    jdbc.sql("UPDATE open_invoice SET balance = balance - :amount WHERE invoice_id = :i")
        .param("amount", amount)
        .param("i", invoiceId)
        .update();
    jdbc.sql("DELETE FROM open_invoice WHERE invoice_id = :i AND balance <= 0")
        .param("i", invoiceId)
        .update();
  }

  /** Paid in full or voided. */
  void invoiceClosed(UUID invoiceId) {
    jdbc.sql("DELETE FROM open_invoice WHERE invoice_id = :i").param("i", invoiceId).update();
  }

  @Transactional
  void refreshOverdue(UUID accountId) {
    lockAccount(accountId);
    jdbc.sql("UPDATE account_summary SET overdue_amount = " + OVERDUE + " WHERE account_id = :id")
        .param("id", accountId)
        .param("today", Date.valueOf(today()))
        .update();
  }

  /**
   * Invoices fall due as days pass without any event: recomputed for every account whose figure
   * changed.
   */
  public int refreshAllOverdue() {
    return jdbc.sql(
            """
            UPDATE account_summary s SET overdue_amount = o.amount
            FROM (SELECT a.account_id, coalesce(sum(i.balance) FILTER (WHERE i.due_date < :today), 0) AS amount
                  FROM account_summary a LEFT JOIN open_invoice i ON i.account_id = a.account_id
                  GROUP BY a.account_id) o
            WHERE s.account_id = o.account_id AND s.overdue_amount <> o.amount""")
        .param("today", Date.valueOf(today()))
        .update();
  }

  /**
   * Keeps the newest assignment; the summary row (if billing's summary is already here) shows its
   * name.
   */
  @Transactional
  void managerChanged(UUID accountId, String managerId, String managerName, Instant occurredAt) {
    lockAccount(accountId);
    jdbc.sql(
            """
            INSERT INTO account_manager_assignment (account_id, manager_id, manager_name, occurred_at)
            VALUES (:a, :id, :name, :at)
            ON CONFLICT (account_id) DO UPDATE SET manager_id = excluded.manager_id,
                manager_name = excluded.manager_name, occurred_at = excluded.occurred_at
            WHERE account_manager_assignment.occurred_at <= excluded.occurred_at""")
        .param("a", accountId)
        .param("id", managerId)
        .param("name", managerName)
        .param("at", Timestamp.from(occurredAt))
        .update();
    jdbc.sql(
            """
            UPDATE account_summary SET account_manager =
                (SELECT m.manager_name FROM account_manager_assignment m WHERE m.account_id = :a)
            WHERE account_id = :a""")
        .param("a", accountId)
        .update();
  }

  /**
   * Keeps each subscription's newest state, then the account's count and MRR (if its summary is
   * here yet).
   */
  @Transactional
  void subscriptionUpdated(
      UUID subscriptionId,
      UUID accountId,
      String status,
      String currency,
      BigDecimal mrr,
      Instant occurredAt) {
    lockAccount(accountId);
    jdbc.sql(
            """
            INSERT INTO subscription_state (subscription_id, account_id, status, currency, mrr, occurred_at)
            VALUES (:s, :id, :status, :currency, :mrr, :at)
            ON CONFLICT (subscription_id) DO UPDATE SET account_id = excluded.account_id, status = excluded.status,
                currency = excluded.currency, mrr = excluded.mrr, occurred_at = excluded.occurred_at
            WHERE subscription_state.occurred_at <= excluded.occurred_at""")
        .param("s", subscriptionId)
        .param("id", accountId)
        .param("status", status)
        .param("currency", currency)
        .param("mrr", mrr)
        .param("at", Timestamp.from(occurredAt))
        .update();
    jdbc.sql(
            "UPDATE account_summary SET active_subscriptions = "
                + ACTIVE_SUBSCRIPTIONS
                + ", mrr = "
                + MRR
                + " WHERE account_id = :id")
        .param("id", accountId)
        .update();
  }

  /**
   * Read from the subscriptions themselves, so it is right before billing's first summary of the
   * account too.
   */
  public SubscriptionTotals subscriptionTotals(UUID accountId) {
    return jdbc.sql(
            "SELECT "
                + ACTIVE_SUBSCRIPTIONS
                + " AS active_subscriptions, "
                + MRR
                + """
             AS monthly_recurring_revenue,
            (SELECT max(t.currency) FROM subscription_state t WHERE t.account_id = :id) AS currency""")
        .param("id", accountId)
        .query(RecordRows.of(SubscriptionTotals.class))
        .single();
  }

  /**
   * Held until the caller's transaction ends; two accounts sharing a key only wait for each other.
   */
  private void lockAccount(UUID accountId) {
    long key = accountId.getMostSignificantBits() ^ accountId.getLeastSignificantBits();
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)::text").param("key", key).query().listOfRows();
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
