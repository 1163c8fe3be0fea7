package io.peakhub.subscription.subscription;

import io.peakhub.subscription.catalog.Plan;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionCancelled;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionExpired;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionRenewed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends terms that are due by today (the injected clock): a subscription set to cancel at term end
 * is cancelled; one without auto-renew expires; the others renew into their next term, taking a
 * scheduled plan or quantity change with them (a trial converts to its first paid term). Each
 * subscription is handled in its own transaction under a row lock taken with SKIP LOCKED, and every
 * term's outcome is claimed in subscription_renewal (unique per subscription and term start), so
 * several instances running at once handle each term exactly once.
 */
@Component
public class Renewals {

  private static final Logger log = LoggerFactory.getLogger(Renewals.class);

  private final SubscriptionRepository repository;
  private final SubscriptionService subscriptions;
  private final SubscriptionEvents events;
  private final TransactionTemplate tx;
  private final Clock clock;

  Renewals(
      SubscriptionRepository repository,
      SubscriptionService subscriptions,
      SubscriptionEvents events,
      PlatformTransactionManager txManager,
      Clock clock) {
    this.repository = repository;
    this.subscriptions = subscriptions;
    this.events = events;
    this.tx = new TransactionTemplate(txManager);
    this.clock = clock;
  }

  /** Handles every due subscription; returns how many terms this instance processed. */
  public int runDue() {
    LocalDate today = LocalDate.now(clock);
    int processed = 0;
    while (true) {
      List<UUID> due = tx.execute(status -> repository.dueIds(today, 100));
      int before = processed;
      for (UUID id : due) {
        processed += tx.execute(status -> processOne(id, today));
      }
      if (due.isEmpty() || processed == before) {
        return processed;
      }
    }
  }

  private int processOne(UUID id, LocalDate today) {
    int processed = 0;
    var locked = repository.lockDue(id, today);
    while (locked.isPresent()) {
      Subscription s = locked.get();
      String outcome =
          s.cancelAtTermEnd()
              ? "cancelled"
              : !s.autoRenew() ? "expired" : s.trial() ? "converted" : "renewed";
      if (!repository.claimRenewal(s.id(), s.termStart(), outcome, clock.instant())) {
        return processed;
      }
      processed++;
      Subscription next =
          switch (outcome) {
            case "cancelled" -> cancel(s);
            case "expired" -> expire(s);
            default -> renew(s);
          };
      log.info(
          "subscription term processed number={} termStart={} outcome={}",
          s.number(),
          s.termStart(),
          outcome);
      locked =
          next.status().equals("active") && !next.termEnd().isAfter(today)
              ? java.util.Optional.of(next)
              : java.util.Optional.empty();
    }
    return processed;
  }

  private Subscription cancel(Subscription s) {
    Subscription updated = s.withStatus("cancelled").withScheduledChange(null, null);
    repository.update(updated, clock.instant(), Actor.RENEWALS, "cancel");
    SubscriptionView view = subscriptions.view(updated);
    events.publish(
        view,
        new SubscriptionCancelled(
            view,
            "term_end",
            s.termEnd(),
            s.cancellationReason(),
            s.cancellationComment(),
            List.of(),
            Proration.sum(List.of(), s.currency())));
    return updated;
  }

  private Subscription expire(Subscription s) {
    Subscription updated = s.withStatus("expired").withScheduledChange(null, null);
    repository.update(updated, clock.instant(), Actor.RENEWALS, "expire");
    SubscriptionView view = subscriptions.view(updated);
    events.publish(view, new SubscriptionExpired(view, s.termEnd()));
    return updated;
  }

  private Subscription renew(Subscription s) {
    Plan oldPlan = subscriptions.plan(s.planId());
    Subscription updated = s;
    Plan plan = oldPlan;
    if (s.scheduledPlanId() != null) {
      plan = subscriptions.plan(s.scheduledPlanId());
      updated = updated.withPlan(plan.id(), s.scheduledQuantity()).withScheduledChange(null, null);
    }
    LocalDate start = s.termEnd();
    if (plan.billingPeriod() != oldPlan.billingPeriod()) {
      updated =
          updated.withTerm(start, 1, start, Subscription.termEnd(start, plan.billingPeriod(), 1));
    } else {
      int n = s.termNumber() + 1;
      updated =
          updated.withTerm(
              s.anchorDate(),
              n,
              start,
              Subscription.termEnd(s.anchorDate(), plan.billingPeriod(), n));
    }
    updated = updated.withStatus("active");
    repository.update(updated, clock.instant(), Actor.RENEWALS, "renew");
    SubscriptionView view = subscriptions.view(updated);
    List<ChargeLine> lines =
        Proration.renewalLines(
            plan,
            updated.quantity(),
            subscriptions.addOnQuantities(repository.addOns(s.id())),
            updated.termStart(),
            updated.termEnd(),
            "charge");
    events.publish(
        view,
        new SubscriptionRenewed(
            view,
            updated.termStart(),
            updated.termEnd(),
            lines,
            Proration.sum(lines, plan.currency())));
    return updated;
  }
}
