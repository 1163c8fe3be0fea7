package io.peakhub.bff.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * subscription-service's answers as portal-bff reads them: its own records with the service's field
 * names (the web app gets them unchanged). Tolerant readers: a field added later is ignored here.
 */
public final class SubscriptionViews {

  private SubscriptionViews() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AddOn(
      String code, String name, int quantity, BigDecimal unitPrice, String billingPeriod) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ScheduledChange(
      String planCode, String planName, int quantity, LocalDate effectiveDate) {}

  /** subscription-service's SubscriptionView. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Subscription(
      UUID id,
      UUID accountId,
      String number,
      String productCode,
      String planCode,
      String planName,
      String billingPeriod,
      String currency,
      BigDecimal unitPrice,
      int quantity,
      List<AddOn> addOns,
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
      BigDecimal monthlyRecurringRevenue) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Plan(
      UUID id,
      String code,
      String productCode,
      String productName,
      String name,
      String billingPeriod,
      String currency,
      BigDecimal unitPrice,
      int trialDays) {}

  /**
   * One line of a proration: kind credit (negative), charge (due now) or next_renewal (not due
   * now).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ChargeLine(
      String kind,
      String description,
      String itemCode,
      int quantity,
      BigDecimal unitPrice,
      LocalDate from,
      LocalDate to,
      long days,
      long termDays,
      BigDecimal amount) {}

  /** What a plan or quantity change costs, as the preview and the change answer it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Quote(
      String when,
      LocalDate effectiveDate,
      String currency,
      List<ChargeLine> lines,
      BigDecimal amountDueNow,
      BigDecimal amountAtNextRenewal,
      LocalDate nextRenewalDate) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Changed(Subscription subscription, Quote quote) {}

  /** cancel and resume answer the subscription with the lines they charge or credit. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Settled(
      Subscription subscription, List<ChargeLine> lines, BigDecimal amountDueNow) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChangeRequest(String planCode, Integer quantity, String when) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CancelRequest(String when, String reason, String comment) {}
}
