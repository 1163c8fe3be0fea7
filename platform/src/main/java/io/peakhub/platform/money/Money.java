package io.peakhub.platform.money;

import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts are BigDecimal at the scale of their ISO 4217 currency (JPY 0, USD 2, KWD 3), never
 * floats. Every service rounds HALF_EVEN: the same rule on both sides keeps an invoice line that
 * billing writes equal to the amount subscription-service announced, and banker's rounding does not
 * drift upwards.
 */
public final class Money {

  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private Money() {}

  public static int scaleOf(String currency) {
    return currency(currency).getDefaultFractionDigits();
  }

  public static Currency currency(String code) {
    try {
      Currency c = Currency.getInstance(code);
      if (c.getDefaultFractionDigits() < 0) {
        throw new InvalidInputException(
            "currency", code + " is not a currency that can be billed.");
      }
      return c;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidInputException(
          "currency", "'" + code + "' is not an ISO 4217 currency code.");
    }
  }

  /**
   * A positive amount (a payment) with no more decimals than the currency has; at the currency's
   * scale.
   */
  public static BigDecimal positive(String field, BigDecimal amount, String currency) {
    if (amount == null || amount.signum() <= 0) {
      throw new InvalidInputException(field, "'" + field + "' must be greater than zero.");
    }
    return exact(field, amount, currency, 15);
  }

  /**
   * A price of zero or more with no more decimals than the currency has; at the currency's scale.
   */
  public static BigDecimal price(String field, BigDecimal amount, String currency) {
    if (amount == null || amount.signum() < 0) {
      throw new InvalidInputException(field, "'" + field + "' must be zero or more.");
    }
    return exact(field, amount, currency, 13);
  }

  public static BigDecimal atScale(BigDecimal amount, String currency) {
    return amount.setScale(scaleOf(currency), ROUNDING);
  }

  private static BigDecimal exact(
      String field, BigDecimal amount, String currency, int maxIntegerDigits) {
    int scale = scaleOf(currency);
    if (amount.stripTrailingZeros().scale() > scale) {
      throw new InvalidInputException(
          field, "'" + field + "' has more decimals than " + currency + " allows (" + scale + ").");
    }
    if (amount.precision() - amount.scale() > maxIntegerDigits) {
      throw new InvalidInputException(field, "'" + field + "' is too large.");
    }
    return amount.setScale(scale, RoundingMode.UNNECESSARY);
  }
}
