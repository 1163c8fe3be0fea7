package io.peakhub.bff.payment;

import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.problem.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Pay Invoice from the header: passed to billing-service with the user's token and Idempotency-Key. */
@RestController
class PaymentController {

  record InvoiceAmount(@NotNull UUID invoiceId, @NotNull BigDecimal amount) {}

  /** The same contract as billing-service's; validated here too so bad input stops at the edge. */
  record PayRequest(@NotNull BigDecimal amount, @NotNull @Size(min = 3, max = 3) String currency, UUID paymentMethodId,
      @Size(max = 2000) String cardToken,
      @Size(max = 100) List<@Valid @NotNull InvoiceAmount> invoices, Boolean overpayToCredit) {}

  private final AccountAccess access;
  private final BillingClient billing;

  PaymentController(AccountAccess access, BillingClient billing) {
    this.access = access;
    this.billing = billing;
  }

  @PostMapping("/api/accounts/{accountId}/payments")
  ResponseEntity<Map<String, Object>> pay(@PathVariable UUID accountId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key, @Valid @RequestBody PayRequest request) {
    access.requireView(accountId.toString());
    if (key == null || key.isBlank()) {
      throw new InvalidInputException("Idempotency-Key", "Send an Idempotency-Key header so a retry never pays twice.");
    }
    ResponseEntity<Map<String, Object>> answer = billing.pay(accountId, key, request);
    return ResponseEntity.status(answer.getStatusCode()).body(answer.getBody());
  }
}
