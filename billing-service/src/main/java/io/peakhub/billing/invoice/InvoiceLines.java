package io.peakhub.billing.invoice;

import io.peakhub.platform.money.Money;
import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Line math: amount = quantity x unit price, tax = amount x rate, each rounded half-up at the
 * currency's scale.
 */
public final class InvoiceLines {

  public record LineInput(
      String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal taxRate) {}

  public record Line(
      int lineNo,
      String description,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal taxRate,
      BigDecimal tax,
      BigDecimal amount) {

    public BigDecimal total() {
      return amount.add(tax);
    }
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private InvoiceLines() {}

  public static List<Line> price(List<LineInput> inputs, String currency) {
    int scale = Money.scaleOf(currency);
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      LineInput in = inputs.get(i);
      String field = "lines[" + i + "]";
      if (in.quantity() == null || in.quantity().signum() <= 0) {
        throw new InvalidInputException(
            field + ".quantity", "'" + field + ".quantity' must be greater than zero.");
      }
      if (in.unitPrice() == null || in.unitPrice().signum() < 0) {
        throw new InvalidInputException(
            field + ".unitPrice", "'" + field + ".unitPrice' must be zero or more.");
      }
      if (in.unitPrice().stripTrailingZeros().scale() > scale + 2) {
        throw new InvalidInputException(
            field + ".unitPrice",
            "'" + field + ".unitPrice' has too many decimals for " + currency + ".");
      }
      BigDecimal rate = in.taxRate() == null ? BigDecimal.ZERO : in.taxRate();
      if (rate.signum() < 0 || rate.compareTo(HUNDRED) > 0) {
        throw new InvalidInputException(
            field + ".taxRate", "'" + field + ".taxRate' must be a percentage from 0 to 100.");
      }
      BigDecimal amount =
          in.quantity().multiply(in.unitPrice()).setScale(scale, RoundingMode.HALF_UP);
      BigDecimal tax = amount.multiply(rate).divide(HUNDRED, scale, RoundingMode.HALF_UP);
      lines.add(
          new Line(i + 1, in.description(), in.quantity(), in.unitPrice(), rate, tax, amount));
    }
    return lines;
  }

  public static BigDecimal total(List<Line> lines, String currency) {
    return lines.stream()
        .map(Line::total)
        .reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(Money.scaleOf(currency), RoundingMode.UNNECESSARY);
  }
}
