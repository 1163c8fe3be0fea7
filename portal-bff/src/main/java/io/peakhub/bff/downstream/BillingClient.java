package io.peakhub.bff.downstream;

import io.peakhub.bff.summary.AccountSummary;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.SpringQueryMap;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/** The calls portal-bff makes to billing-service's public API. */
@FeignClient(name = "billing", url = "${peakhub.billing.url}")
public interface BillingClient {

  @GetMapping("/accounts/{accountId}/summary")
  AccountSummary summary(@PathVariable("accountId") UUID accountId);

  @GetMapping("/accounts/{accountId}/invoices")
  Map<String, Object> invoices(@PathVariable("accountId") UUID accountId, @SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/invoices/{invoiceId}")
  Map<String, Object> invoice(@PathVariable("accountId") UUID accountId, @PathVariable("invoiceId") UUID invoiceId);

  @GetMapping("/accounts/{accountId}/invoices/{invoiceId}/pdf")
  ResponseEntity<byte[]> invoicePdf(@PathVariable("accountId") UUID accountId, @PathVariable("invoiceId") UUID invoiceId);

  @GetMapping("/accounts/{accountId}/payments")
  Map<String, Object> payments(@PathVariable("accountId") UUID accountId, @SpringQueryMap Map<String, String> query);

  @GetMapping("/accounts/{accountId}/payment-methods")
  List<Map<String, Object>> paymentMethods(@PathVariable("accountId") UUID accountId);

  @PostMapping("/accounts/{accountId}/payments")
  ResponseEntity<Map<String, Object>> pay(@PathVariable("accountId") UUID accountId,
      @RequestHeader("Idempotency-Key") String idempotencyKey, @RequestBody Object payment);
}
