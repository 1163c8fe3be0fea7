package io.peakhub.subscription.catalog;

import io.peakhub.platform.money.Money;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * An extra priced per unit and billing period, in one currency, added to a subscription of its
 * product.
 */
public record AddOn(
    UUID id,
    String code,
    String productCode,
    String name,
    BillingPeriod billingPeriod,
    String currency,
    BigDecimal unitPrice) {

  public AddOn {
    unitPrice = Money.atScale(unitPrice, currency);
  }
}
