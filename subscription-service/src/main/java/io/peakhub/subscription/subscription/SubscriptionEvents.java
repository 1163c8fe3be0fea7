package io.peakhub.subscription.subscription;

import io.peakhub.platform.outbox.Outbox;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Publishes subscription.subscription events through the outbox, keyed by account id. Each carries
 * the subscription as it is after the event (plan, quantity, unit price, currency, term) and, where
 * money moves, the lines billing invoices. SubscriptionUpdated.v1 follows every change too, for
 * billing's ActiveSubscriptions consumer (accountId, number, status).
 */
@Component
class SubscriptionEvents {

  static final String TOPIC = "subscription.subscription";

  record SubscriptionCreated(
      SubscriptionView subscription, List<ChargeLine> lines, BigDecimal amountDueNow) {}

  record SubscriptionChanged(
      SubscriptionView subscription,
      String fromPlanCode,
      int fromQuantity,
      String toPlanCode,
      int toQuantity,
      String when,
      LocalDate effectiveDate,
      List<ChargeLine> lines,
      BigDecimal amountDueNow,
      BigDecimal amountAtNextRenewal) {}

  record SubscriptionCancelled(
      SubscriptionView subscription,
      String when,
      LocalDate effectiveDate,
      String reason,
      String comment,
      List<ChargeLine> lines,
      BigDecimal amountDueNow) {}

  /** A scheduled cancellation was withdrawn: the subscription renews again. */
  record SubscriptionCancellationUndone(SubscriptionView subscription) {}

  record SubscriptionPaused(SubscriptionView subscription, LocalDate pausedOn) {}

  record SubscriptionResumed(
      SubscriptionView subscription,
      LocalDate resumedOn,
      boolean newTerm,
      List<ChargeLine> lines,
      BigDecimal amountDueNow) {}

  record SubscriptionRenewed(
      SubscriptionView subscription,
      LocalDate termStart,
      LocalDate termEnd,
      List<ChargeLine> lines,
      BigDecimal amountDue) {}

  record SubscriptionExpired(SubscriptionView subscription, LocalDate expiredOn) {}

  /**
   * The body billing-service's ActiveSubscriptions reads; currency and MRR let portal-bff count
   * each account's active subscriptions and MRR (Customer Accounts) from this one event.
   */
  record SubscriptionUpdated(
      UUID id,
      UUID accountId,
      String number,
      String planName,
      int quantity,
      String status,
      LocalDate startDate,
      String currency,
      BigDecimal monthlyRecurringRevenue) {}

  private final Outbox outbox;

  SubscriptionEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  void publish(SubscriptionView s, Record event) {
    outbox.append(TOPIC, s.accountId().toString(), event.getClass().getSimpleName() + ".v1", event);
    publishUpdateOnly(s);
  }

  /**
   * Only the SubscriptionUpdated.v1 billing reads today (the admin API's record of a subscription).
   */
  void publishUpdateOnly(SubscriptionView s) {
    String key = s.accountId().toString();
    outbox.append(
        TOPIC,
        key,
        "SubscriptionUpdated.v1",
        new SubscriptionUpdated(
            s.id(),
            s.accountId(),
            s.number(),
            s.planName(),
            s.quantity(),
            s.status(),
            s.startDate(),
            s.currency(),
            s.monthlyRecurringRevenue()));
  }
}
