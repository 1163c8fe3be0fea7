package io.peakhub.billing.payment;

import io.peakhub.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pure money math: spreads a payment over open invoices, either as the payer chose (invoice and
 * amount) or oldest due first, and returns what is left as credit. Amounts are at the currency's
 * scale.
 */
public final class PaymentAllocator {

  public record OpenInvoice(UUID id, BigDecimal balance) {}

  public record Allocation(UUID invoiceId, BigDecimal amount) {}

  public record Result(List<Allocation> allocations, BigDecimal credit) {}

  private PaymentAllocator() {}

  public static Result allocate(BigDecimal amount, List<OpenInvoice> oldestFirst) {
    BigDecimal left = amount;
    List<Allocation> allocations = new ArrayList<>();
    for (OpenInvoice invoice : oldestFirst) {
      if (left.signum() == 0) {
        break;
      }
      if (invoice.balance().signum() <= 0) {
        continue;
      }
      BigDecimal applied = left.min(invoice.balance());
      allocations.add(new Allocation(invoice.id(), applied));
      left = left.subtract(applied);
    }
    return new Result(List.copyOf(allocations), left);
  }

  /**
   * The payer's own split: each chosen invoice must be open and not be paid more than its balance.
   */
  public static Result allocateAsChosen(
      BigDecimal amount, List<Allocation> chosen, List<OpenInvoice> open) {
    Map<UUID, BigDecimal> balances = new LinkedHashMap<>();
    open.forEach(i -> balances.put(i.id(), i.balance()));
    BigDecimal total = BigDecimal.ZERO;
    List<Allocation> merged = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      Allocation a = chosen.get(i);
      String field = "invoices[" + i + "]";
      BigDecimal balance = balances.get(a.invoiceId());
      if (balance == null) {
        throw new InvalidInputException(
            field + ".invoiceId",
            "Invoice " + a.invoiceId() + " is not an open invoice of this account.");
      }
      if (a.amount().signum() <= 0) {
        throw new InvalidInputException(
            field + ".amount", "'" + field + ".amount' must be greater than zero.");
      }
      if (a.amount().compareTo(balance) > 0) {
        throw new InvalidInputException(
            field + ".amount",
            "'"
                + field
                + ".amount' is more than the invoice's balance of "
                + balance.toPlainString()
                + ".");
      }
      if (merged.stream().anyMatch(m -> m.invoiceId().equals(a.invoiceId()))) {
        throw new InvalidInputException(
            field + ".invoiceId", "Invoice " + a.invoiceId() + " is listed twice.");
      }
      merged.add(a);
      total = total.add(a.amount());
    }
    if (total.compareTo(amount) > 0) {
      throw new InvalidInputException(
          "amount", "'amount' is less than the sum paid to the chosen invoices.");
    }
    return new Result(List.copyOf(merged), amount.subtract(total));
  }

  /**
   * Settling a payment already charged: each chosen invoice gets what was chosen for it, or its
   * balance if that is less by now (another payment got there first); nothing is refused, the rest
   * is credit.
   */
  public static Result settleAsChosen(
      BigDecimal amount, List<Allocation> chosen, List<OpenInvoice> open) {
    Map<UUID, BigDecimal> balances = new LinkedHashMap<>();
    open.forEach(i -> balances.put(i.id(), i.balance()));
    BigDecimal left = amount;
    List<Allocation> allocations = new ArrayList<>();
    for (Allocation a : chosen) {
      BigDecimal applied =
          a.amount().min(balances.getOrDefault(a.invoiceId(), BigDecimal.ZERO)).min(left);
      if (applied.signum() > 0) {
        allocations.add(new Allocation(a.invoiceId(), applied));
        left = left.subtract(applied);
      }
    }
    return new Result(List.copyOf(allocations), left);
  }
}
