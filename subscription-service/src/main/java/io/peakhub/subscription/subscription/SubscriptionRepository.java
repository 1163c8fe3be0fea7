package io.peakhub.subscription.subscription;

import io.peakhub.platform.jdbc.RecordRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

  record AddOnLine(UUID addOnId, int quantity) {}

  private static final String SELECT =
      """
      SELECT id, account_id, number, plan_id, quantity, status, start_date, currency, anchor_date, term_number,
             term_start, term_end, auto_renew, paused_on, cancel_at_term_end, cancellation_date, cancellation_reason,
             cancellation_comment, scheduled_plan_id, scheduled_quantity
      FROM subscription""";

  private final JdbcClient jdbc;

  SubscriptionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Running ones first (active, trial, paused), then ended ones; by number within each. */
  List<Subscription> list(UUID accountId) {
    return jdbc.sql(
            SELECT
                + """
             WHERE account_id = :a AND plan_id IS NOT NULL
            ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'trial' THEN 1 WHEN 'paused' THEN 2 ELSE 3 END, number""")
        .param("a", accountId)
        .query(RecordRows.of(Subscription.class))
        .list();
  }

  Optional<Subscription> find(UUID accountId, UUID id) {
    return jdbc.sql(SELECT + " WHERE account_id = :a AND id = :id AND plan_id IS NOT NULL")
        .param("a", accountId)
        .param("id", id)
        .query(RecordRows.of(Subscription.class))
        .optional();
  }

  Optional<Subscription> lock(UUID accountId, UUID id) {
    return jdbc.sql(
            SELECT + " WHERE account_id = :a AND id = :id AND plan_id IS NOT NULL FOR UPDATE")
        .param("a", accountId)
        .param("id", id)
        .query(RecordRows.of(Subscription.class))
        .optional();
  }

  Optional<Subscription> byNumber(String number) {
    return jdbc.sql(SELECT + " WHERE number = :n")
        .param("n", number)
        .query(RecordRows.of(Subscription.class))
        .optional();
  }

  /**
   * The currency of the account's running subscriptions, if it has any: new ones must use it too.
   */
  Optional<String> runningCurrency(UUID accountId) {
    return jdbc.sql(
            """
            SELECT currency FROM subscription WHERE account_id = :a AND currency IS NOT NULL
              AND status NOT IN ('cancelled', 'expired') LIMIT 1""")
        .param("a", accountId)
        .query(String.class)
        .optional();
  }

  String nextNumber() {
    while (true) {
      String number =
          String.format(
              "SUB-%06d",
              jdbc.sql("SELECT nextval('subscription_number_seq')").query(Long.class).single());
      // numbers recorded through the admin API are chosen by hand: skip those
      if (byNumber(number).isEmpty()) {
        return number;
      }
    }
  }

  List<AddOnLine> addOns(UUID subscriptionId) {
    return jdbc.sql(
            "SELECT add_on_id, quantity FROM subscription_add_on WHERE subscription_id = :s ORDER BY add_on_id")
        .param("s", subscriptionId)
        .query(RecordRows.of(AddOnLine.class))
        .list();
  }

  void insert(Subscription s, List<AddOnLine> addOns, Instant now, Actor actor, String action) {
    jdbc.sql(
            """
            INSERT INTO subscription (id, account_id, number, plan_name, plan_id, quantity, status, start_date, currency,
                                      anchor_date, term_number, term_start, term_end, auto_renew, created_at, updated_at, updated_by,
                                      acting_admin)
            VALUES (:id, :a, :n, (SELECT name FROM plan WHERE id = :plan), :plan, :q, :status, :start, :c,
                    :anchor, :tn, :ts, :te, :auto, :now, :now, :by, :admin)""")
        .param("id", s.id())
        .param("a", s.accountId())
        .param("n", s.number())
        .param("plan", s.planId())
        .param("q", s.quantity())
        .param("status", s.status())
        .param("start", s.startDate())
        .param("c", s.currency())
        .param("anchor", s.anchorDate())
        .param("tn", s.termNumber())
        .param("ts", s.termStart())
        .param("te", s.termEnd())
        .param("auto", s.autoRenew())
        .param("now", Timestamp.from(now))
        .param("by", actor.by())
        .param("admin", actor.actingAdmin())
        .update();
    activity(s.id(), action, now, actor);
    for (AddOnLine line : addOns) {
      jdbc.sql(
              "INSERT INTO subscription_add_on (subscription_id, add_on_id, quantity) VALUES (:s, :a, :q)")
          .param("s", s.id())
          .param("a", line.addOnId())
          .param("q", line.quantity())
          .update();
    }
  }

  void update(Subscription s, Instant now, Actor actor, String action) {
    jdbc.sql(
            """
            UPDATE subscription SET plan_id = :plan, plan_name = (SELECT name FROM plan WHERE id = :plan), quantity = :q,
                   status = :status, start_date = :start, currency = :c, anchor_date = :anchor, term_number = :tn,
                   term_start = :ts, term_end = :te, auto_renew = :auto, paused_on = :paused, cancel_at_term_end = :cate,
                   cancellation_date = :cd, cancellation_reason = :cr, cancellation_comment = :cc,
                   scheduled_plan_id = :sp, scheduled_quantity = :sq, updated_at = :now, updated_by = :by,
                   acting_admin = :admin
            WHERE id = :id""")
        .param("id", s.id())
        .param("plan", s.planId())
        .param("q", s.quantity())
        .param("status", s.status())
        .param("start", s.startDate())
        .param("c", s.currency())
        .param("anchor", s.anchorDate())
        .param("tn", s.termNumber())
        .param("ts", s.termStart())
        .param("te", s.termEnd())
        .param("auto", s.autoRenew())
        .param("paused", s.pausedOn())
        .param("cate", s.cancelAtTermEnd())
        .param("cd", s.cancellationDate())
        .param("cr", s.cancellationReason())
        .param("cc", s.cancellationComment())
        .param("sp", s.scheduledPlanId())
        .param("sq", s.scheduledQuantity())
        .param("now", Timestamp.from(now))
        .param("by", actor.by())
        .param("admin", actor.actingAdmin())
        .update();
    activity(s.id(), action, now, actor);
  }

  /**
   * One line per write, so an earlier write's acting admin is not lost when the row changes again.
   */
  private void activity(UUID subscriptionId, String action, Instant now, Actor actor) {
    jdbc.sql(
            """
            INSERT INTO subscription_activity (id, subscription_id, action, at, done_by, acting_admin)
            VALUES (:id, :s, :action, :now, :by, :admin)""")
        .param("id", UUID.randomUUID())
        .param("s", subscriptionId)
        .param("action", action)
        .param("now", Timestamp.from(now))
        .param("by", actor.by())
        .param("admin", actor.actingAdmin())
        .update();
  }

  /**
   * Ids of subscriptions whose term has ended by {@code today}, skipping rows another instance is
   * working on.
   */
  List<UUID> dueIds(LocalDate today, int limit) {
    return jdbc.sql(
            """
            SELECT id FROM subscription WHERE status IN ('trial', 'active') AND term_end <= :today AND plan_id IS NOT NULL
            ORDER BY term_end, number LIMIT :limit FOR UPDATE SKIP LOCKED""")
        .param("today", today)
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  Optional<Subscription> lockDue(UUID id, LocalDate today) {
    return jdbc.sql(
            SELECT
                + " WHERE id = :id AND status IN ('trial', 'active') AND term_end <= :today FOR UPDATE SKIP LOCKED")
        .param("id", id)
        .param("today", today)
        .query(RecordRows.of(Subscription.class))
        .optional();
  }

  /** Claims one term's renewal; false if it was processed already (by this or another instance). */
  boolean claimRenewal(UUID id, LocalDate termStart, String outcome, Instant now) {
    return jdbc.sql(
                """
            INSERT INTO subscription_renewal (subscription_id, term_start, outcome, processed_at)
            VALUES (:id, :ts, :o, :now) ON CONFLICT DO NOTHING""")
            .param("id", id)
            .param("ts", termStart)
            .param("o", outcome)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }
}
