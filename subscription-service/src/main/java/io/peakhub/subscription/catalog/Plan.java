package io.peakhub.subscription.catalog;

import io.peakhub.platform.money.Money;
import java.math.BigDecimal;
import java.util.UUID;

/** A price for one unit of a product per billing period, in one currency. */
public record Plan(
    UUID id,
    String code,
    String productCode,
    String productName,
    String name,
    BillingPeriod billingPeriod,
    String currency,
    BigDecimal unitPrice,
    int trialDays) {

  public Plan {
    unitPrice = Money.atScale(unitPrice, currency);
  }
}
