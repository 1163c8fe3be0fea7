package io.peakhub.billing.payment;

import io.peakhub.billing.invoice.InvoiceBalances;
import io.peakhub.billing.invoice.InvoiceBalances.InvoiceRef;
import io.peakhub.platform.money.Money;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A payment as the API and its events show it: amounts at the currency's scale, what it paid, what
 * went to credit.
 */
@Component
class PaymentViews {

  private final PaymentRepository payments;
  private final InvoiceBalances invoices;

  PaymentViews(PaymentRepository payments, InvoiceBalances invoices) {
    this.payments = payments;
    this.invoices = invoices;
  }

  PaymentView of(UUID paymentId) {
    return of(payments.find(paymentId).orElseThrow());
  }

  PaymentView of(PaymentRepository.StoredPayment p) {
    String currency = p.currency();
    List<PaymentAllocator.Allocation> allocations =
        "succeeded".equals(p.status())
            ? oldestDueFirst(payments.allocations(p.id())).stream()
                .map(
                    a ->
                        new PaymentAllocator.Allocation(
                            a.invoiceId(), Money.atScale(a.amount(), currency)))
                .toList()
            : List.of();
    BigDecimal allocated =
        allocations.stream()
            .map(PaymentAllocator.Allocation::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal toCredit =
        "succeeded".equals(p.status()) ? p.amount().subtract(allocated) : BigDecimal.ZERO;
    return new PaymentView(
        p.id(),
        p.accountId(),
        Money.atScale(p.amount(), currency),
        currency,
        p.status(),
        p.createdAt(),
        allocations,
        Money.atScale(toCredit, currency));
  }

  /**
   * What a payment paid, its oldest due invoice first (the invoice feature knows the due dates).
   */
  private List<PaymentAllocator.Allocation> oldestDueFirst(
      List<PaymentAllocator.Allocation> allocations) {
    Map<UUID, InvoiceRef> refs =
        invoices.refs(allocations.stream().map(PaymentAllocator.Allocation::invoiceId).toList());
    Comparator<PaymentAllocator.Allocation> byInvoice =
        Comparator.comparing(a -> refs.get(a.invoiceId()), InvoiceRef.OLDEST_DUE_FIRST);
    return allocations.stream().sorted(byInvoice).toList();
  }
}
