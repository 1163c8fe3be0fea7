package io.peakhub.billing.payment;

import io.peakhub.platform.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A payment as the API and its events show it: amounts at the currency's scale, what it paid, what went to credit. */
@Component
class PaymentViews {

  private final PaymentRepository payments;

  PaymentViews(PaymentRepository payments) {
    this.payments = payments;
  }

  PaymentView of(UUID paymentId) {
    return of(payments.find(paymentId).orElseThrow());
  }

  PaymentView of(PaymentRepository.StoredPayment p) {
    String currency = p.currency();
    List<PaymentAllocator.Allocation> allocations = "succeeded".equals(p.status())
        ? payments.allocations(p.id()).stream()
            .map(a -> new PaymentAllocator.Allocation(a.invoiceId(), Money.atScale(a.amount(), currency))).toList()
        : List.of();
    BigDecimal allocated = allocations.stream().map(PaymentAllocator.Allocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal toCredit = "succeeded".equals(p.status()) ? p.amount().subtract(allocated) : BigDecimal.ZERO;
    return new PaymentView(p.id(), p.accountId(), Money.atScale(p.amount(), currency), currency, p.status(), p.createdAt(),
        allocations, Money.atScale(toCredit, currency));
  }
}
