package io.peakhub.billing.payment;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PaymentController {

  record InvoiceAmount(@NotNull UUID invoiceId, @NotNull BigDecimal amount) {}

  record PayRequest(
      @NotNull BigDecimal amount,
      @NotNull @Size(min = 3, max = 3) String currency,
      UUID paymentMethodId,
      @Size(max = 2000) String cardToken,
      @Size(max = 100) List<@Valid @NotNull InvoiceAmount> invoices,
      Boolean overpayToCredit) {}

  private final AccountAccess access;
  private final PaymentService payments;
  private final Duration retryAfter;

  PaymentController(
      AccountAccess access,
      PaymentService payments,
      @Value("${peakhub.payments.retry-after:PT5S}") Duration retryAfter) {
    this.access = access;
    this.payments = payments;
    this.retryAfter = retryAfter;
  }

  /**
   * Pays open invoices oldest first; a retry with the same Idempotency-Key answers the first
   * payment. 201 paid, 202 pending (the processor has not answered; the payment settles or fails on
   * its own), 402 refused by the processor.
   */
  @PostMapping("/accounts/{accountId}/payments")
  ResponseEntity<PaymentView> pay(
      @PathVariable UUID accountId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody PayRequest request) {
    access.require(accountId.toString(), Area.pay_invoices, Level.create);
    IdempotencyKey.require(key);
    PaymentService.Outcome outcome =
        payments.pay(
            accountId,
            key,
            new PayCommand(
                request.amount(),
                request.currency(),
                request.paymentMethodId(),
                request.cardToken(),
                request.invoices() == null
                    ? null
                    : request.invoices().stream()
                        .map(i -> new PaymentAllocator.Allocation(i.invoiceId(), i.amount()))
                        .toList(),
                Boolean.TRUE.equals(request.overpayToCredit())));
    if (outcome.failure() != null) {
      throw outcome.failure();
    }
    if (outcome.pending()) {
      // the processor has not said yet: the payment's URL to poll, and when to retry this request
      return ResponseEntity.accepted()
          .location(URI.create("/accounts/" + accountId + "/payments/" + outcome.payment().id()))
          .header("Retry-After", Long.toString(retryAfter.toSeconds()))
          .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
          .body(outcome.payment());
    }
    return ResponseEntity.status(outcome.replayed() ? 200 : 201)
        .header("Idempotent-Replayed", Boolean.toString(outcome.replayed()))
        .body(outcome.payment());
  }
}
