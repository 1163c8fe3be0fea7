package io.peakhub.subscription.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.subscription.catalog.BillingPeriod;
import io.peakhub.subscription.catalog.Plan;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Day-based proration over the term's actual days, each line rounded HALF_EVEN at the currency's
 * scale.
 */
class ProrationTest {

  static final Plan STANDARD = plan("standard", BillingPeriod.monthly, "USD", "49.00");
  static final Plan PRO = plan("pro", BillingPeriod.monthly, "USD", "99.00");
  static final Plan PRO_ANNUAL = plan("pro-annual", BillingPeriod.annual, "USD", "990.00");
  static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
  static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
  static final LocalDate MARCH_17 = LocalDate.of(2026, 3, 17);

  static Plan plan(String code, BillingPeriod period, String currency, String price) {
    return new Plan(
        UUID.randomUUID(),
        code,
        "analytics",
        "Peak Analytics",
        "Plan " + code,
        period,
        currency,
        new BigDecimal(price),
        0);
  }

  static Subscription subscription(
      Plan plan, int qty, LocalDate termStart, LocalDate termEnd, String status) {
    return new Subscription(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "SUB-000001",
        plan.id(),
        qty,
        status,
        termStart,
        plan.currency(),
        termStart,
        1,
        termStart,
        termEnd,
        true,
        null,
        false,
        null,
        null,
        null,
        null,
        null);
  }

  static Quote change(
      Plan from,
      int fromQty,
      Plan to,
      int toQty,
      LocalDate termStart,
      LocalDate termEnd,
      LocalDate today,
      boolean now) {
    return Proration.change(
        subscription(from, fromQty, termStart, termEnd, "active"),
        from,
        fromQty,
        to,
        toQty,
        now,
        List.of(),
        today);
  }

  static List<BigDecimal> amounts(Quote q) {
    return q.lines().stream().map(ChargeLine::amount).toList();
  }

  @Test
  void upgradeMidTermCreditsTheUnusedDaysOfTheOldPlanAndChargesTheNewOneForTheSameDays() {
    Quote q = change(STANDARD, 2, PRO, 2, MARCH_1, APRIL_1, MARCH_17, true);
    // 15 of 31 days left: 98 x 15/31 = 47.419..., 198 x 15/31 = 95.806...
    assertThat(amounts(q))
        .containsExactly(
            new BigDecimal("-47.42"), new BigDecimal("95.81"), new BigDecimal("198.00"));
    assertThat(q.lines())
        .extracting(ChargeLine::kind)
        .containsExactly("credit", "charge", "next_renewal");
    assertThat(q.lines().get(0).days()).isEqualTo(15);
    assertThat(q.lines().get(0).termDays()).isEqualTo(31);
    assertThat(q.lines().get(0).description())
        .contains("Unused time on Plan standard x 2")
        .contains("15 of 31 days");
    assertThat(q.amountDueNow()).isEqualByComparingTo("48.39");
    assertThat(q.amountAtNextRenewal()).isEqualByComparingTo("198.00");
    assertThat(q.nextRenewalDate()).isEqualTo(APRIL_1);
    assertThat(q.effectiveDate()).isEqualTo(MARCH_17);
  }

  @Test
  void downgradeMidTermLeavesACreditDueNow() {
    Quote q = change(PRO, 2, STANDARD, 2, MARCH_1, APRIL_1, MARCH_17, true);
    assertThat(amounts(q))
        .containsExactly(
            new BigDecimal("-95.81"), new BigDecimal("47.42"), new BigDecimal("98.00"));
    assertThat(q.amountDueNow()).isEqualByComparingTo("-48.39");
  }

  @Test
  void quantityChangeMidTermProratesTheSeats() {
    Quote q = change(PRO, 2, PRO, 5, MARCH_1, APRIL_1, MARCH_17, true);
    // 495 x 15/31 = 239.516...
    assertThat(amounts(q))
        .containsExactly(
            new BigDecimal("-95.81"), new BigDecimal("239.52"), new BigDecimal("495.00"));
    assertThat(q.amountDueNow()).isEqualByComparingTo("143.71");
  }

  @Test
  void changeAtTermEndChargesNothingNowAndTheNewPriceAtRenewal() {
    Quote q = change(PRO, 2, STANDARD, 5, MARCH_1, APRIL_1, MARCH_17, false);
    assertThat(q.lines()).extracting(ChargeLine::kind).containsExactly("next_renewal");
    assertThat(q.amountDueNow()).isEqualByComparingTo("0.00");
    assertThat(q.amountAtNextRenewal()).isEqualByComparingTo("245.00");
    assertThat(q.effectiveDate()).isEqualTo(APRIL_1);
    assertThat(q.lines().get(0).from()).isEqualTo(APRIL_1);
    assertThat(q.lines().get(0).to()).isEqualTo(LocalDate.of(2026, 5, 1));
  }

  @Test
  void aLeapYearFebruaryHas29DaysToProrateOver() {
    Quote q =
        change(
            STANDARD,
            1,
            PRO,
            1,
            LocalDate.of(2028, 2, 1),
            LocalDate.of(2028, 3, 1),
            LocalDate.of(2028, 2, 15),
            true);
    // 15 of 29 days: 49 x 15/29 = 25.344..., 99 x 15/29 = 51.206...
    assertThat(q.lines().get(0).termDays()).isEqualTo(29);
    assertThat(amounts(q)).startsWith(new BigDecimal("-25.34"), new BigDecimal("51.21"));
    assertThat(q.amountDueNow()).isEqualByComparingTo("25.87");
  }

  @Test
  void aSubscriptionStartedOnThe31stRenewsOnTheLastDayOfShortMonthsAndThe31stAgain() {
    LocalDate jan31 = LocalDate.of(2026, 1, 31);
    assertThat(Subscription.termEnd(jan31, BillingPeriod.monthly, 1))
        .isEqualTo(LocalDate.of(2026, 2, 28));
    assertThat(Subscription.termEnd(jan31, BillingPeriod.monthly, 2))
        .isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(Subscription.termEnd(jan31, BillingPeriod.monthly, 3))
        .isEqualTo(LocalDate.of(2026, 4, 30));
    assertThat(Subscription.termEnd(jan31, BillingPeriod.quarterly, 1))
        .isEqualTo(LocalDate.of(2026, 4, 30));
    // the February term of a 31st-of-month subscription is 28 days
    Quote q =
        change(
            STANDARD, 1, PRO, 1, jan31, LocalDate.of(2026, 2, 28), LocalDate.of(2026, 2, 14), true);
    assertThat(q.lines().get(0).termDays()).isEqualTo(28);
    assertThat(q.lines().get(0).days()).isEqualTo(14);
    assertThat(amounts(q)).startsWith(new BigDecimal("-24.50"), new BigDecimal("49.50"));
  }

  @Test
  void yenAmountsHaveNoDecimalsAndTiesRoundToEven() {
    Plan standard = plan("std-jpy", BillingPeriod.monthly, "JPY", "6800");
    Plan pro = plan("pro-jpy", BillingPeriod.monthly, "JPY", "14800");
    Quote q = change(standard, 1, pro, 1, MARCH_1, APRIL_1, MARCH_17, true);
    // 6800 x 15/31 = 3290.32, 14800 x 15/31 = 7161.29
    assertThat(amounts(q))
        .containsExactly(new BigDecimal("-3290"), new BigDecimal("7161"), new BigDecimal("14800"));
    assertThat(q.amountDueNow()).isEqualTo(new BigDecimal("3871"));
    // 5 JPY x 15/30 = 2.5 -> 2 (HALF_EVEN), 3 JPY x 15/30 = 1.5 -> 2
    Plan five = plan("five", BillingPeriod.monthly, "JPY", "5");
    Plan three = plan("three", BillingPeriod.monthly, "JPY", "3");
    LocalDate april = LocalDate.of(2026, 4, 1);
    Quote tie =
        change(five, 1, three, 1, april, LocalDate.of(2026, 5, 1), LocalDate.of(2026, 4, 16), true);
    assertThat(amounts(tie)).startsWith(new BigDecimal("-2"), new BigDecimal("2"));
  }

  @Test
  void switchingToAnnualNowStartsANewYearlyTermToday() {
    Quote q = change(PRO, 1, PRO_ANNUAL, 1, MARCH_1, APRIL_1, MARCH_17, true);
    assertThat(amounts(q))
        .containsExactly(
            new BigDecimal("-47.90"), new BigDecimal("990.00"), new BigDecimal("990.00"));
    assertThat(q.nextRenewalDate()).isEqualTo(LocalDate.of(2027, 3, 17));
    assertThat(q.lines().get(1).termDays()).isEqualTo(365);
    assertThat(q.amountDueNow()).isEqualByComparingTo("942.10");
  }

  @Test
  void cancellingNowCreditsTheUnusedDays() {
    List<ChargeLine> lines =
        Proration.cancelNow(subscription(PRO, 3, MARCH_1, APRIL_1, "active"), PRO, MARCH_17);
    // 297 x 15/31 = 143.709...
    assertThat(lines).extracting(ChargeLine::amount).containsExactly(new BigDecimal("-143.71"));
    assertThat(Proration.cancelNow(subscription(PRO, 3, MARCH_1, APRIL_1, "trial"), PRO, MARCH_17))
        .isEmpty();
  }

  @Test
  void monthlyRecurringRevenueNormalisesThePeriod() {
    assertThat(Proration.monthly(PRO_ANNUAL, 3, List.of())).isEqualByComparingTo("247.50");
    assertThat(Proration.monthly(plan("q", BillingPeriod.quarterly, "USD", "100.00"), 1, List.of()))
        .isEqualByComparingTo("33.33");
  }
}
