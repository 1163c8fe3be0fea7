package io.peakhub.billing.invoice;

import io.peakhub.platform.outbox.Outbox;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lowers invoice balances for payments and applied credit; an invoice that reaches zero is
 * announced as InvoicePaid.v1. The invoice feature's API for the features that pay invoices
 * (payment, credit): they lock and lower balances here, never through the invoice table.
 */
@Service
public class InvoiceBalances {

  public static final String TOPIC = "billing.invoice";

  /**
   * InvoicePaid.v1's body; lastPaymentId is the payment's id, or "credit" when credit balance paid
   * it.
   */
  public record InvoicePaid(UUID invoiceId, String number, String lastPaymentId) {}

  /**
   * An invoice as the features that paid it name it (a payment's or credit application's invoices):
   * its number, and its due date for listing them oldest due first.
   */
  public record InvoiceRef(UUID id, String number, LocalDate dueDate) {

    /** Oldest due first, then by number: the order open invoices are paid in. */
    public static final Comparator<InvoiceRef> OLDEST_DUE_FIRST =
        Comparator.comparing(InvoiceRef::dueDate).thenComparing(InvoiceRef::number);
  }

  private final InvoiceRepository invoices;
  private final Outbox outbox;

  InvoiceBalances(InvoiceRepository invoices, Outbox outbox) {
    this.invoices = invoices;
    this.outbox = outbox;
  }

  /** The invoices given, by id (one that does not exist is left out). */
  public Map<UUID, InvoiceRef> refs(Collection<UUID> invoiceIds) {
    return invoices.refs(invoiceIds).stream()
        .collect(Collectors.toMap(InvoiceRef::id, Function.identity()));
  }

  /** The account's open invoices, oldest due first, locked until the caller's transaction ends. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<InvoiceRepository.OpenBalance> lockOpen(UUID accountId) {
    return invoices.lockOpen(accountId);
  }

  /**
   * The open balance of one invoice of the account (not void), locked; empty when it is not the
   * account's.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<BigDecimal> lockBalance(UUID accountId, UUID invoiceId) {
    return invoices.lockBalance(accountId, invoiceId);
  }

  /**
   * In the caller's transaction, which holds the account's lock; paymentId is null when credit paid
   * it.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void apply(UUID accountId, UUID invoiceId, BigDecimal amount, UUID paymentId) {
    InvoiceRepository.PaidDown left = invoices.payDown(invoiceId, amount);
    if (left.balance().signum() == 0) {
      outbox.append(
          TOPIC,
          accountId.toString(),
          "InvoicePaid.v1",
          new InvoicePaid(
              invoiceId, left.number(), paymentId == null ? "credit" : paymentId.toString()));
    }
  }
}
