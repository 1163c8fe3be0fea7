package io.peakhub.bff.payment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.bff.downstream.BillingViews.CreditApplication;
import io.peakhub.bff.downstream.BillingViews.PaymentResult;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pay Invoice (and applying credit balance): passed to billing-service with the user's token and
 * Idempotency-Key (a retry with the same key answers the same payment). A 202 (the processor has
 * not answered yet) keeps its Retry-After, and its Location points at the receipt under /api for
 * the browser to poll.
 */
@RestController
class PaymentController {

  record InvoiceAmount(@NotNull UUID invoiceId, @NotNull BigDecimal amount) {}

  /** The same contract as billing-service's; validated here too so bad input stops at the edge. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PayRequest(
      @NotNull BigDecimal amount,
      @NotNull @Size(min = 3, max = 3) String currency,
      UUID paymentMethodId,
      @Size(max = 2000) String cardToken,
      @Size(max = 100) List<@Valid @NotNull InvoiceAmount> invoices,
      Boolean overpayToCredit) {}

  /**
   * Credit balance applied to chosen open invoices (billing checks the amounts against its
   * balances).
   */
  record ApplyCreditRequest(
      @NotNull @Size(min = 3, max = 3) String currency,
      @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull InvoiceAmount> invoices) {}

  private final AccountAccess access;
  private final BillingClient billing;

  PaymentController(AccountAccess access, BillingClient billing) {
    this.access = access;
    this.billing = billing;
  }

  @PostMapping("/api/accounts/{accountId}/payments")
  ResponseEntity<PaymentResult> pay(
      @PathVariable UUID accountId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody PayRequest request) {
    access.require(accountId.toString(), Area.pay_invoices, Level.create);
    IdempotencyKey.require(key);
    ResponseEntity<PaymentResult> answer = billing.pay(accountId, key, request);
    HttpHeaders headers = new HttpHeaders();
    copy(answer.getHeaders(), headers, "Retry-After");
    copy(answer.getHeaders(), headers, "Idempotent-Replayed");
    PaymentResult payment = answer.getBody();
    if (answer.getStatusCode().value() == HttpStatus.ACCEPTED.value()
        || answer.getHeaders().getLocation() != null) {
      if (payment != null && payment.id() != null) {
        headers.setLocation(URI.create("/api/accounts/" + accountId + "/payments/" + payment.id()));
      } else if (answer.getHeaders().getLocation() != null) {
        headers.setLocation(URI.create("/api" + answer.getHeaders().getLocation().getPath()));
      }
    }
    return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(payment);
  }

  /**
   * 201 applied, 200 the same Idempotency-Key again (the first application, nothing applied twice).
   */
  @PostMapping("/api/accounts/{accountId}/credit-applications")
  ResponseEntity<CreditApplication> applyCredit(
      @PathVariable UUID accountId,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
      @Valid @RequestBody ApplyCreditRequest request) {
    access.require(accountId.toString(), Area.pay_invoices, Level.create);
    IdempotencyKey.require(key);
    ResponseEntity<CreditApplication> answer = billing.applyCredit(accountId, key, request);
    HttpHeaders headers = new HttpHeaders();
    copy(answer.getHeaders(), headers, "Idempotent-Replayed");
    return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
  }

  private static void copy(HttpHeaders from, HttpHeaders to, String name) {
    String value = from.getFirst(name);
    if (value != null) {
      to.set(name, value);
    }
  }
}
