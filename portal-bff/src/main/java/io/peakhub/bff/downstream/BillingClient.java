package io.peakhub.bff.downstream;

import io.peakhub.bff.downstream.BillingViews.AccountFieldValue;
import io.peakhub.bff.downstream.BillingViews.AddCard;
import io.peakhub.bff.downstream.BillingViews.Contact;
import io.peakhub.bff.downstream.BillingViews.Contacts;
import io.peakhub.bff.downstream.BillingViews.CreditApplication;
import io.peakhub.bff.downstream.BillingViews.InvoiceDetail;
import io.peakhub.bff.downstream.BillingViews.InvoicePage;
import io.peakhub.bff.downstream.BillingViews.PaymentMethod;
import io.peakhub.bff.downstream.BillingViews.PaymentPage;
import io.peakhub.bff.downstream.BillingViews.PaymentResult;
import io.peakhub.bff.downstream.BillingViews.Receipt;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.cloud.openfeign.SpringQueryMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The calls portal-bff makes to billing-service's public API. Every call runs behind the "billing"
 * circuit breaker and time limit (payments behind "billing-pay", which waits longer for the card
 * processor); when billing is down, slow or failing, the call ends in {@link
 * ServiceUnavailableException}.
 */
@FeignClient(
    name = "billing",
    url = "${peakhub.billing.url}",
    fallbackFactory = BillingFallback.class)
public interface BillingClient {

  String SERVICE = "billing-service";

  @GetMapping("/accounts/{accountId}/summary")
  AccountSummary summary(@PathVariable("accountId") UUID accountId);

  @GetMapping("/accounts/{accountId}/invoices")
  InvoicePage invoices(
      @PathVariable("accountId") UUID accountId, @SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/invoices/{invoiceId}")
  InvoiceDetail invoice(
      @PathVariable("accountId") UUID accountId, @PathVariable("invoiceId") UUID invoiceId);

  @GetMapping("/accounts/{accountId}/invoices/{invoiceId}/pdf")
  ResponseEntity<byte[]> invoicePdf(
      @PathVariable("accountId") UUID accountId, @PathVariable("invoiceId") UUID invoiceId);

  @GetMapping("/accounts/{accountId}/payments")
  PaymentPage payments(
      @PathVariable("accountId") UUID accountId, @SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/payments/{paymentId}")
  Receipt payment(
      @PathVariable("accountId") UUID accountId, @PathVariable("paymentId") UUID paymentId);

  @PostMapping("/accounts/{accountId}/payments")
  ResponseEntity<PaymentResult> pay(
      @PathVariable("accountId") UUID accountId,
      @RequestHeader("Idempotency-Key") String idempotencyKey,
      @RequestBody Object payment);

  @PostMapping("/accounts/{accountId}/credit-applications")
  ResponseEntity<CreditApplication> applyCredit(
      @PathVariable("accountId") UUID accountId,
      @RequestHeader("Idempotency-Key") String idempotencyKey,
      @RequestBody Object application);

  @GetMapping("/accounts/{accountId}/payment-methods")
  List<PaymentMethod> paymentMethods(@PathVariable("accountId") UUID accountId);

  @PostMapping("/accounts/{accountId}/payment-methods")
  PaymentMethod addPaymentMethod(
      @PathVariable("accountId") UUID accountId, @RequestBody AddCard card);

  @PostMapping("/accounts/{accountId}/payment-methods/{methodId}/default")
  PaymentMethod makeDefault(
      @PathVariable("accountId") UUID accountId, @PathVariable("methodId") UUID methodId);

  @DeleteMapping("/accounts/{accountId}/payment-methods/{methodId}")
  void removePaymentMethod(
      @PathVariable("accountId") UUID accountId, @PathVariable("methodId") UUID methodId);

  @GetMapping("/accounts/{accountId}/contacts")
  Contacts contacts(@PathVariable("accountId") UUID accountId);

  @GetMapping("/accounts/{accountId}/fields")
  List<AccountFieldValue> accountFields(@PathVariable("accountId") UUID accountId);

  @PutMapping("/accounts/{accountId}/contacts/bill-to")
  Contacts putBillTo(@PathVariable("accountId") UUID accountId, @RequestBody Contact contact);

  @PutMapping("/accounts/{accountId}/contacts/sold-to")
  Contacts putSoldTo(@PathVariable("accountId") UUID accountId, @RequestBody Contact contact);

  @DeleteMapping("/accounts/{accountId}/contacts/sold-to")
  Contacts removeSoldTo(@PathVariable("accountId") UUID accountId);
}
