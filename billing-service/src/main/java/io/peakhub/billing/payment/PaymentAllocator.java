package io.peakhub.billing.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pure money math: spreads a payment over open invoices, oldest due first, and returns what is
 * left as credit. Amounts are already at the currency's scale.
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
}
