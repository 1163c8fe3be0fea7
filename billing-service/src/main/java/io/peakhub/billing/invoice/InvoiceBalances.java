package io.peakhub.billing.invoice;

import io.peakhub.platform.outbox.Outbox;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Lowers invoice balances for payments and applied credit; an invoice that reaches zero is announced as InvoicePaid.v1. */
@Service
public class InvoiceBalances {

  public static final String TOPIC = "billing.invoice";

  /** InvoicePaid.v1's body; lastPaymentId is the payment's id, or "credit" when credit balance paid it. */
  public record InvoicePaid(UUID invoiceId, String number, String lastPaymentId) {}

  private final InvoiceRepository invoices;
  private final Outbox outbox;

  InvoiceBalances(InvoiceRepository invoices, Outbox outbox) {
    this.invoices = invoices;
    this.outbox = outbox;
  }

  /** In the caller's transaction, which holds the account's lock; paymentId is null when credit paid it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void apply(UUID accountId, UUID invoiceId, BigDecimal amount, UUID paymentId) {
    InvoiceRepository.PaidDown left = invoices.payDown(invoiceId, amount);
    if (left.balance().signum() == 0) {
      outbox.append(TOPIC, accountId.toString(), "InvoicePaid.v1", new InvoicePaid(invoiceId, left.number(),
          paymentId == null ? "credit" : paymentId.toString()));
    }
  }
}
