package io.peakhub.subscription.subscription;

import io.peakhub.platform.problem.ConflictException;
import io.peakhub.subscription.catalog.BillingPeriod;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One subscription row. Its current term runs from {@code termStart} to {@code termEnd} exclusive
 * (the next renewal date); term n ends at {@code anchorDate} plus n billing periods, term 0 being a
 * trial that ends on the anchor date.
 */
record Subscription(
    UUID id,
    UUID accountId,
    String number,
    UUID planId,
    int quantity,
    String status,
    LocalDate startDate,
    String currency,
    LocalDate anchorDate,
    int termNumber,
    LocalDate termStart,
    LocalDate termEnd,
    boolean autoRenew,
    LocalDate pausedOn,
    boolean cancelAtTermEnd,
    LocalDate cancellationDate,
    String cancellationReason,
    String cancellationComment,
    UUID scheduledPlanId,
    Integer scheduledQuantity) {

  static LocalDate termEnd(LocalDate anchor, BillingPeriod period, int termNumber) {
    return anchor.plusMonths((long) period.months() * termNumber);
  }

  boolean ended() {
    return status.equals("cancelled") || status.equals("expired");
  }

  boolean trial() {
    return status.equals("trial");
  }

  /** Plan and quantity changes, pausing and cancelling need a running subscription. */
  Subscription requireRunning(String what) {
    if (ended()) {
      throw new ConflictException(
          "subscription-ended",
          "Subscription " + number + " is " + status + ": it cannot be " + what + ".");
    }
    if (status.equals("paused")) {
      throw new ConflictException(
          "subscription-paused",
          "Subscription " + number + " is paused: resume it before it can be " + what + ".");
    }
    return this;
  }

  Subscription withPlan(UUID plan, int qty) {
    return new Subscription(
        id,
        accountId,
        number,
        plan,
        qty,
        status,
        startDate,
        currency,
        anchorDate,
        termNumber,
        termStart,
        termEnd,
        autoRenew,
        pausedOn,
        cancelAtTermEnd,
        cancellationDate,
        cancellationReason,
        cancellationComment,
        scheduledPlanId,
        scheduledQuantity);
  }

  Subscription withTerm(LocalDate anchor, int number, LocalDate start, LocalDate end) {
    return new Subscription(
        id,
        accountId,
        this.number,
        planId,
        quantity,
        status,
        startDate,
        currency,
        anchor,
        number,
        start,
        end,
        autoRenew,
        pausedOn,
        cancelAtTermEnd,
        cancellationDate,
        cancellationReason,
        cancellationComment,
        scheduledPlanId,
        scheduledQuantity);
  }

  Subscription withStatus(String newStatus) {
    return new Subscription(
        id,
        accountId,
        number,
        planId,
        quantity,
        newStatus,
        startDate,
        currency,
        anchorDate,
        termNumber,
        termStart,
        termEnd,
        autoRenew,
        pausedOn,
        cancelAtTermEnd,
        cancellationDate,
        cancellationReason,
        cancellationComment,
        scheduledPlanId,
        scheduledQuantity);
  }

  Subscription withPausedOn(LocalDate date) {
    return new Subscription(
        id,
        accountId,
        number,
        planId,
        quantity,
        status,
        startDate,
        currency,
        anchorDate,
        termNumber,
        termStart,
        termEnd,
        autoRenew,
        date,
        cancelAtTermEnd,
        cancellationDate,
        cancellationReason,
        cancellationComment,
        scheduledPlanId,
        scheduledQuantity);
  }

  Subscription withCancellation(boolean atTermEnd, LocalDate date, String reason, String comment) {
    return new Subscription(
        id,
        accountId,
        number,
        planId,
        quantity,
        status,
        startDate,
        currency,
        anchorDate,
        termNumber,
        termStart,
        termEnd,
        autoRenew,
        pausedOn,
        atTermEnd,
        date,
        reason,
        comment,
        scheduledPlanId,
        scheduledQuantity);
  }

  Subscription withScheduledChange(UUID plan, Integer qty) {
    return new Subscription(
        id,
        accountId,
        number,
        planId,
        quantity,
        status,
        startDate,
        currency,
        anchorDate,
        termNumber,
        termStart,
        termEnd,
        autoRenew,
        pausedOn,
        cancelAtTermEnd,
        cancellationDate,
        cancellationReason,
        cancellationComment,
        plan,
        qty);
  }
}
