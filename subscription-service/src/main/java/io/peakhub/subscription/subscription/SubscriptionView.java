package io.peakhub.subscription.subscription;

import io.peakhub.subscription.catalog.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A subscription as My Subscriptions shows it and as events carry it. {@code currentTermEnd} is the
 * term's last day; {@code nextRenewalDate} the day after, when the subscription renews (null when
 * it will not: paused, cancelled, expired, or set to end). MRR is zero unless active.
 */
public record SubscriptionView(
    UUID id,
    UUID accountId,
    String number,
    String productCode,
    String planCode,
    String planName,
    BillingPeriod billingPeriod,
    String currency,
    BigDecimal unitPrice,
    int quantity,
    List<AddOnView> addOns,
    String status,
    LocalDate startDate,
    LocalDate currentTermStart,
    LocalDate currentTermEnd,
    LocalDate nextRenewalDate,
    boolean autoRenew,
    LocalDate pausedOn,
    boolean cancelAtTermEnd,
    LocalDate cancellationDate,
    String cancellationReason,
    String cancellationComment,
    ScheduledChange scheduledChange,
    BigDecimal monthlyRecurringRevenue) {

  public record AddOnView(
      String code, String name, int quantity, BigDecimal unitPrice, BillingPeriod billingPeriod) {}

  public record ScheduledChange(
      String planCode, String planName, int quantity, LocalDate effectiveDate) {}
}
