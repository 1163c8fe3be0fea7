package io.peakhub.subscription.catalog;

/** How often a plan bills, and how many months one term lasts. */
public enum BillingPeriod {
  monthly(1),
  quarterly(3),
  annual(12);

  private final int months;

  BillingPeriod(int months) {
    this.months = months;
  }

  public int months() {
    return months;
  }
}
