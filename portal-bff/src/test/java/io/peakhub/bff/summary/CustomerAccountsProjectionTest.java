package io.peakhub.bff.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.bff.BillingData;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.ServiceTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model's overdue amount (from billing's invoice and payment events) and account manager
 * (from identity's events), the projections called as the Kafka listener calls them. Due dates are
 * relative to the day the test runs, so "overdue" means the same on any day.
 */
@ServiceTest
class CustomerAccountsProjectionTest {

  @Autowired OpenInvoiceProjection invoices;
  @Autowired ManagerProjection managers;
  @Autowired SubscriptionProjection subscriptions;
  @Autowired OpenCaseProjection openCases;
  @Autowired AccountDirectory directory;
  @Autowired SummaryProjection summaries;
  @Autowired SummaryRepository repository;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  private static String event(UUID account, String type, Object body, Instant at) {
    return EventJson.write(
        new EventEnvelope(UUID.randomUUID(), type, at, account.toString(), EventJson.tree(body)));
  }

  private static Map<String, Object> issued(UUID invoice, LocalDate due, String balance) {
    return Map.of(
        "invoice",
        Map.of(
            "id",
            invoice,
            "number",
            "INV-1",
            "invoiceDate",
            due.minusDays(30).toString(),
            "dueDate",
            due.toString(),
            "amount",
            new BigDecimal(balance),
            "balance",
            new BigDecimal(balance),
            "status",
            "posted"),
        "lines",
        List.of());
  }

  private BigDecimal overdue(UUID account) {
    return jdbc.sql("SELECT overdue_amount FROM account_summary WHERE account_id = :a")
        .param("a", account)
        .query(BigDecimal.class)
        .single();
  }

  private String manager(UUID account) {
    return jdbc.sql("SELECT account_manager FROM account_summary WHERE account_id = :a")
        .param("a", account)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void overdueIsTheOpenBalanceOfInvoicesPastTheirDueDate() {
    UUID account = UUID.randomUUID();
    UUID late = UUID.randomUUID();
    UUID notYetDue = UUID.randomUUID();
    UUID alsoLate = UUID.randomUUID();
    Instant now = Instant.now();
    // invoice events may come before billing's first summary of the account
    invoices.on(
        event(account, "InvoiceIssued.v1", issued(late, today.minusDays(3), "100.00"), now));
    summaries.on(
        event(account, "BalanceChanged.v1", BillingData.summary(account, "150.00", now), now));
    assertThat(overdue(account)).isEqualByComparingTo("100.00");

    invoices.on(
        event(account, "InvoiceIssued.v1", issued(notYetDue, today.plusDays(10), "50.00"), now));
    invoices.on(
        event(account, "InvoiceIssued.v1", issued(alsoLate, today.minusDays(1), "30.00"), now));
    assertThat(overdue(account)).isEqualByComparingTo("130.00");

    String payment =
        event(
            account,
            "PaymentSucceeded.v1",
            Map.of(
                "id",
                UUID.randomUUID(),
                "amount",
                40,
                "allocations",
                List.of(Map.of("invoiceId", late, "amount", 40))),
            now);
    invoices.on(payment);
    invoices.on(payment);
    assertThat(overdue(account))
        .as("a redelivered payment is applied once")
        .isEqualByComparingTo("90.00");

    invoices.on(
        event(account, "InvoiceVoided.v1", Map.of("invoiceId", alsoLate, "reason", "x"), now));
    invoices.on(
        event(
            account, "InvoicePaid.v1", Map.of("invoiceId", late, "lastPaymentId", "credit"), now));
    assertThat(overdue(account)).isEqualByComparingTo("0");
  }

  @Test
  void anInvoiceFallingDueIsCountedByTheDailyRefresh() {
    UUID account = UUID.randomUUID();
    Instant now = Instant.now();
    summaries.on(
        event(account, "BalanceChanged.v1", BillingData.summary(account, "70.00", now), now));
    // as if it had been issued with a due date still ahead, which has passed since
    jdbc.sql(
            "INSERT INTO open_invoice (invoice_id, account_id, due_date, balance) VALUES (:i, :a, :d, 70)")
        .param("i", UUID.randomUUID())
        .param("a", account)
        .param("d", Date.valueOf(today.minusDays(1)))
        .update();
    assertThat(overdue(account)).isEqualByComparingTo("0");
    assertThat(repository.refreshAllOverdue()).isGreaterThanOrEqualTo(1);
    assertThat(overdue(account)).isEqualByComparingTo("70.00");
  }

  @Test
  void theManagerNameComesFromIdentityAndTheNewestAssignmentWins() {
    UUID account = UUID.randomUUID();
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    managers.on(
        event(
            account,
            "AccountManagerChanged.v1",
            Map.of("accountId", account, "managerId", "m-1", "managerName", "Erin Easton"),
            t0));
    summaries.on(event(account, "BalanceChanged.v1", BillingData.summary(account, "1.00", t0), t0));
    assertThat(manager(account))
        .as("known before billing's first summary")
        .isEqualTo("Erin Easton");

    managers.on(
        event(
            account,
            "AccountManagerChanged.v1",
            Map.of("accountId", account, "managerId", "m-1", "managerName", "Erin Renamed"),
            t0.plusSeconds(60)));
    managers.on(
        event(
            account,
            "AccountManagerChanged.v1",
            Map.of("accountId", account, "managerId", "m-0", "managerName", "Old News"),
            t0.minusSeconds(60)));
    assertThat(manager(account)).isEqualTo("Erin Renamed");

    Map<String, Object> unassigned = new HashMap<>();
    unassigned.put("accountId", account);
    unassigned.put("managerId", null);
    unassigned.put("managerName", null);
    managers.on(event(account, "AccountManagerChanged.v1", unassigned, t0.plusSeconds(120)));
    assertThat(manager(account)).isNull();
  }

  /**
   * Billing's first summary of an account and identity's manager event come on two listener threads
   * at the same moment (as after {@code ./hub up}): the manager is applied while the summary's
   * transaction is still open. Without the per-account lock neither sees the other's row and the
   * name is lost for good.
   */
  @Test
  void aManagerAppliedWhileTheFirstSummaryIsBeingWrittenIsNotLost() throws Exception {
    UUID account = UUID.randomUUID();
    Instant now = Instant.now();
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> summary =
          threads.submit(
              () ->
                  new TransactionTemplate(transactions)
                      .executeWithoutResult(
                          tx -> {
                            summaries.on(
                                event(
                                    account,
                                    "BalanceChanged.v1",
                                    BillingData.summary(account, "1.00", now),
                                    now));
                            written.countDown();
                            try {
                              commit.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      Future<?> manager =
          threads.submit(
              () ->
                  managers.on(
                      event(
                          account,
                          "AccountManagerChanged.v1",
                          Map.of(
                              "accountId",
                              account,
                              "managerId",
                              "m-1",
                              "managerName",
                              "Erin Easton"),
                          now)));
      try {
        manager.get(
            1, TimeUnit.SECONDS); // without the lock it is done by now, having updated no row
      } catch (TimeoutException waitingForTheSummary) {
        // with it, it waits for the summary's commit
      }
      commit.countDown();
      summary.get(30, TimeUnit.SECONDS);
      manager.get(30, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    assertThat(manager(account)).isEqualTo("Erin Easton");
  }

  private static Map<String, Object> updated(
      UUID subscription, UUID account, String status, String mrr) {
    return Map.of(
        "id",
        subscription,
        "accountId",
        account,
        "number",
        "SUB-000001",
        "planName",
        "Peak Analytics Pro",
        "quantity",
        1,
        "status",
        status,
        "startDate",
        "2026-03-01",
        "currency",
        "USD",
        "monthlyRecurringRevenue",
        new BigDecimal(mrr));
  }

  private List<Object> subscriptionFigures(UUID account) {
    return jdbc.sql("SELECT active_subscriptions, mrr FROM account_summary WHERE account_id = :a")
        .param("a", account)
        .query(
            (rs, n) ->
                List.<Object>of(
                    rs.getInt(1), rs.getBigDecimal(2).stripTrailingZeros().toPlainString()))
        .single();
  }

  @Test
  void activeSubscriptionsAndMrrFollowEachSubscriptionsNewestUpdate() {
    UUID account = UUID.randomUUID();
    UUID pro = UUID.randomUUID();
    UUID support = UUID.randomUUID();
    UUID trial = UUID.randomUUID();
    Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
    // subscriptions may be known before billing's first summary of the account
    subscriptions.on(
        event(account, "SubscriptionUpdated.v1", updated(pro, account, "active", "1200.00"), t0));
    summaries.on(event(account, "BalanceChanged.v1", BillingData.summary(account, "1.00", t0), t0));
    assertThat(subscriptionFigures(account)).containsExactly(1, "1200");

    String second =
        event(account, "SubscriptionUpdated.v1", updated(support, account, "active", "450.00"), t0);
    subscriptions.on(second);
    subscriptions.on(second);
    subscriptions.on(
        event(account, "SubscriptionUpdated.v1", updated(trial, account, "trial", "0"), t0));
    assertThat(subscriptionFigures(account))
        .as("a redelivered event counts once; a trial is active without MRR")
        .containsExactly(3, "1650");

    subscriptions.on(
        event(
            account,
            "SubscriptionUpdated.v1",
            updated(pro, account, "paused", "0"),
            t0.plusSeconds(60)));
    subscriptions.on(
        event(
            account,
            "SubscriptionUpdated.v1",
            updated(pro, account, "active", "999.00"),
            t0.minusSeconds(60)));
    assertThat(subscriptionFigures(account))
        .as("an older update never overrides a newer one")
        .containsExactly(2, "450");

    subscriptions.on(
        event(
            account,
            "SubscriptionCancelled.v1",
            Map.of("subscription", Map.of("id", support)),
            t0.plusSeconds(120)));
    assertThat(subscriptionFigures(account))
        .as("only SubscriptionUpdated.v1 is read")
        .containsExactly(2, "450");
    subscriptions.on(
        event(
            account,
            "SubscriptionUpdated.v1",
            updated(support, account, "cancelled", "0"),
            t0.plusSeconds(120)));
    assertThat(subscriptionFigures(account)).containsExactly(1, "0");
    assertThat(repository.subscriptionTotals(account).currency()).isEqualTo("USD");
  }

  private long openCasesShown(UUID account) {
    var page =
        directory.list(
            new AccountDirectory.Query(
                null,
                AccountDirectory.Sort.name,
                false,
                null,
                100,
                java.util.Set.of(account.toString())));
    return page.items().get(0).openCases();
  }

  @Test
  void openCasesCountFromCaseEventsOpenedClosedAndReopenedOnceEach() {
    UUID account = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    Instant now = Instant.now();
    summaries.on(
        event(account, "BalanceChanged.v1", BillingData.summary(account, "1.00", now), now));
    summaries.on(event(other, "BalanceChanged.v1", BillingData.summary(other, "1.00", now), now));
    String first = "CS" + (1_000_000 + (int) (Math.random() * 8_000_000));
    String second = "CS" + (Integer.parseInt(first.substring(2)) + 1);
    String opened =
        event(
            account,
            "CaseOpened.v1",
            Map.of("number", first, "subject", "a", "priority", "low", "state", "new"),
            now);
    openCases.on(opened);
    openCases.on(opened);
    openCases.on(
        event(
            account,
            "CaseOpened.v1",
            Map.of("number", second, "subject", "b", "priority", "low", "state", "new"),
            now));
    openCases.on(event(account, "CaseCommented.v1", Map.of("number", second), now));
    assertThat(openCasesShown(account)).as("a redelivered opening counts once").isEqualTo(2);
    assertThat(openCasesShown(other)).isZero();

    openCases.on(
        event(
            account,
            "CaseStateChanged.v1",
            Map.of("number", first, "fromState", "new", "toState", "resolved"),
            now));
    assertThat(openCasesShown(account)).as("resolved is still open until closed").isEqualTo(2);
    openCases.on(
        event(
            account,
            "CaseStateChanged.v1",
            Map.of("number", first, "fromState", "resolved", "toState", "closed"),
            now));
    openCases.on(event(account, "CaseClosed.v1", Map.of("number", first), now));
    assertThat(openCasesShown(account)).isEqualTo(1);
    openCases.on(
        event(
            account,
            "CaseStateChanged.v1",
            Map.of("number", first, "fromState", "closed", "toState", "in_progress"),
            now));
    assertThat(openCasesShown(account)).as("reopened").isEqualTo(2);
  }

  @Test
  void aCaseMovedToAnotherAccountCountsForTheNewAccountOnlyEvenWhenItsOpeningIsReadLate() {
    UUID oldAccount = UUID.randomUUID();
    UUID newAccount = UUID.randomUUID();
    Instant now = Instant.now();
    summaries.on(
        event(oldAccount, "BalanceChanged.v1", BillingData.summary(oldAccount, "1.00", now), now));
    summaries.on(
        event(newAccount, "BalanceChanged.v1", BillingData.summary(newAccount, "1.00", now), now));
    String moved = "CS" + (1_000_000 + (int) (Math.random() * 8_000_000));
    String late = "CS" + (Integer.parseInt(moved.substring(2)) + 1);
    openCases.on(
        event(
            oldAccount,
            "CaseOpened.v1",
            Map.of("number", moved, "subject", "a", "priority", "low", "state", "new"),
            now));
    assertThat(openCasesShown(oldAccount)).isEqualTo(1);

    openCases.on(
        event(
            newAccount,
            "CaseAccountChanged.v1",
            Map.of(
                "number",
                moved,
                "fromAccountId",
                oldAccount.toString(),
                "toAccountId",
                newAccount.toString(),
                "state",
                "new",
                "open",
                true),
            now));
    assertThat(openCasesShown(oldAccount)).isZero();
    assertThat(openCasesShown(newAccount)).isEqualTo(1);

    // the move read before the opening (the opening is keyed by the old account, another partition)
    openCases.on(
        event(
            newAccount,
            "CaseAccountChanged.v1",
            Map.of(
                "number",
                late,
                "fromAccountId",
                oldAccount.toString(),
                "toAccountId",
                newAccount.toString(),
                "state",
                "in_progress",
                "open",
                true),
            now));
    openCases.on(
        event(
            oldAccount,
            "CaseOpened.v1",
            Map.of("number", late, "subject", "b", "priority", "low", "state", "new"),
            now));
    assertThat(openCasesShown(oldAccount)).isZero();
    assertThat(openCasesShown(newAccount)).isEqualTo(2);

    // a closed case moved counts nowhere
    openCases.on(
        event(
            oldAccount,
            "CaseAccountChanged.v1",
            Map.of(
                "number",
                late,
                "fromAccountId",
                newAccount.toString(),
                "toAccountId",
                oldAccount.toString(),
                "state",
                "closed",
                "open",
                false),
            now));
    assertThat(openCasesShown(newAccount)).isEqualTo(1);
    assertThat(openCasesShown(oldAccount)).isZero();
  }
}
