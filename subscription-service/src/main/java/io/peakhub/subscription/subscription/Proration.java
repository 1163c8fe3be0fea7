package io.peakhub.subscription.subscription;

import io.peakhub.platform.money.Money;
import io.peakhub.subscription.catalog.AddOn;
import io.peakhub.subscription.catalog.Plan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Day-based proration over a term's actual days (28 to 31 for a month, 365 or 366 for a year), so a
 * leap-year February or a short month is priced exactly. Each line is rounded to the currency's
 * scale (HALF_EVEN, see {@link Money}); totals are the sums of the rounded lines, so lines always
 * add up.
 */
final class Proration {

  /** An add-on on the subscription with its quantity: charged with every term of the plan. */
  record AddOnQuantity(AddOn addOn, int quantity) {}

  private Proration() {}

  /**
   * Changing from {@code oldPlan} x {@code oldQty} to {@code newPlan} x {@code newQty}. {@code
   * now}: the unused part of the current term is credited and the new plan charged for the same
   * part (or for a full new term starting today when the billing period changes); {@code term_end}:
   * nothing is due now. A trial is not charged, so a change during it has nothing to prorate.
   */
  static Quote change(
      Subscription s,
      Plan oldPlan,
      int oldQty,
      Plan newPlan,
      int newQty,
      boolean now,
      List<AddOnQuantity> addOns,
      LocalDate today) {
    String currency = newPlan.currency();
    List<ChargeLine> lines = new ArrayList<>();
    LocalDate nextRenewal = s.termEnd();
    LocalDate effective = now ? today : s.termEnd();
    if (now && !s.trial()) {
      long termDays = ChronoUnit.DAYS.between(s.termStart(), s.termEnd());
      long unused = ChronoUnit.DAYS.between(today, s.termEnd());
      lines.add(credit(oldPlan, oldQty, today, s.termEnd(), unused, termDays));
      if (newPlan.billingPeriod() == oldPlan.billingPeriod()) {
        lines.add(
            line(
                "charge",
                newPlan,
                newQty,
                today,
                s.termEnd(),
                unused,
                termDays,
                "Remaining time on " + label(newPlan, newQty)));
      } else {
        nextRenewal = Subscription.termEnd(today, newPlan.billingPeriod(), 1);
        long days = ChronoUnit.DAYS.between(today, nextRenewal);
        lines.add(
            line(
                "charge",
                newPlan,
                newQty,
                today,
                nextRenewal,
                days,
                days,
                "New " + newPlan.billingPeriod() + " term of " + label(newPlan, newQty)));
      }
    }
    BigDecimal dueNow = sum(lines, currency);
    List<ChargeLine> renewal =
        renewalLines(
            newPlan,
            newQty,
            addOns,
            nextRenewal,
            Subscription.termEnd(nextRenewal, newPlan.billingPeriod(), 1),
            "next_renewal");
    lines.addAll(renewal);
    return new Quote(
        now ? "now" : "term_end",
        effective,
        currency,
        List.copyOf(lines),
        dueNow,
        sum(renewal, currency),
        nextRenewal);
  }

  /** Cancelling today: the unused part of a paid term is credited. */
  static List<ChargeLine> cancelNow(Subscription s, Plan plan, LocalDate today) {
    if (s.trial() || !today.isBefore(s.termEnd())) {
      return List.of();
    }
    long termDays = ChronoUnit.DAYS.between(s.termStart(), s.termEnd());
    return List.of(
        credit(
            plan,
            s.quantity(),
            today,
            s.termEnd(),
            ChronoUnit.DAYS.between(today, s.termEnd()),
            termDays));
  }

  /** A full term of the plan and its add-ons, from {@code from} to {@code to} exclusive. */
  static List<ChargeLine> renewalLines(
      Plan plan, int qty, List<AddOnQuantity> addOns, LocalDate from, LocalDate to, String kind) {
    long days = ChronoUnit.DAYS.between(from, to);
    List<ChargeLine> lines = new ArrayList<>();
    lines.add(
        line(
            kind,
            plan,
            qty,
            from,
            to,
            days,
            days,
            plan.name() + " x " + qty + ", " + from + " to " + to.minusDays(1)));
    for (AddOnQuantity a : addOns) {
      // an add-on is priced per its own period: scaled to the plan's term length
      BigDecimal perTerm =
          a.addOn()
              .unitPrice()
              .multiply(BigDecimal.valueOf(plan.billingPeriod().months()))
              .divide(
                  BigDecimal.valueOf(a.addOn().billingPeriod().months()), MathContext.DECIMAL64);
      BigDecimal amount =
          Money.atScale(perTerm.multiply(BigDecimal.valueOf(a.quantity())), plan.currency());
      lines.add(
          new ChargeLine(
              kind,
              a.addOn().name() + " x " + a.quantity() + ", " + from + " to " + to.minusDays(1),
              a.addOn().code(),
              a.quantity(),
              Money.atScale(perTerm, plan.currency()),
              from,
              to,
              days,
              days,
              amount));
    }
    return lines;
  }

  static BigDecimal sum(List<ChargeLine> lines, String currency) {
    return lines.stream()
        .map(ChargeLine::amount)
        .reduce(Money.atScale(BigDecimal.ZERO, currency), BigDecimal::add);
  }

  /** Monthly recurring revenue: the price of a term normalised to one month. */
  static BigDecimal monthly(Plan plan, int qty, List<AddOnQuantity> addOns) {
    BigDecimal total =
        plan.unitPrice()
            .multiply(BigDecimal.valueOf(qty))
            .divide(BigDecimal.valueOf(plan.billingPeriod().months()), MathContext.DECIMAL64);
    for (AddOnQuantity a : addOns) {
      total =
          total.add(
              a.addOn()
                  .unitPrice()
                  .multiply(BigDecimal.valueOf(a.quantity()))
                  .divide(
                      BigDecimal.valueOf(a.addOn().billingPeriod().months()),
                      MathContext.DECIMAL64));
    }
    return Money.atScale(total, plan.currency());
  }

  private static ChargeLine credit(
      Plan plan, int qty, LocalDate from, LocalDate to, long days, long termDays) {
    ChargeLine charge =
        line("credit", plan, qty, from, to, days, termDays, "Unused time on " + label(plan, qty));
    return new ChargeLine(
        charge.kind(),
        charge.description(),
        charge.itemCode(),
        charge.quantity(),
        charge.unitPrice(),
        from,
        to,
        days,
        termDays,
        charge.amount().negate());
  }

  private static ChargeLine line(
      String kind,
      Plan plan,
      int qty,
      LocalDate from,
      LocalDate to,
      long days,
      long termDays,
      String what) {
    BigDecimal amount =
        Money.atScale(
            plan.unitPrice()
                .multiply(BigDecimal.valueOf(qty))
                .multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(termDays), MathContext.DECIMAL128),
            plan.currency());
    String description =
        days == termDays
            ? what
            : what
                + " ("
                + from
                + " to "
                + to.minusDays(1)
                + ", "
                + days
                + " of "
                + termDays
                + " days)";
    return new ChargeLine(
        kind, description, plan.code(), qty, plan.unitPrice(), from, to, days, termDays, amount);
  }

  private static String label(Plan plan, int qty) {
    return plan.name() + " x " + qty;
  }
}
