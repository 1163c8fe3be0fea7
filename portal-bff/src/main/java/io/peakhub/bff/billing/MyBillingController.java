package io.peakhub.bff.billing;

import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.platform.access.AccountAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My Account's billing screens: invoice history, one invoice and its PDF, payments, saved payment methods. */
@RestController
class MyBillingController {

  private static final List<String> INVOICE_FILTERS = List.of("status", "from", "to", "sort", "after", "limit");
  private static final List<String> PAGE = List.of("after", "limit");

  private final AccountAccess access;
  private final BillingClient billing;

  MyBillingController(AccountAccess access, BillingClient billing) {
    this.access = access;
    this.billing = billing;
  }

  @GetMapping("/api/accounts/{accountId}/invoices")
  Map<String, Object> invoices(@PathVariable UUID accountId, @RequestParam Map<String, String> query) {
    access.requireView(accountId.toString());
    return billing.invoices(accountId, only(query, INVOICE_FILTERS));
  }

  @GetMapping("/api/accounts/{accountId}/invoices/{invoiceId}")
  Map<String, Object> invoice(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
    access.requireView(accountId.toString());
    return billing.invoice(accountId, invoiceId);
  }

  @GetMapping("/api/accounts/{accountId}/invoices/{invoiceId}/pdf")
  ResponseEntity<byte[]> invoicePdf(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
    access.requireView(accountId.toString());
    ResponseEntity<byte[]> pdf = billing.invoicePdf(accountId, invoiceId);
    return ResponseEntity.ok().headers(h -> {
      h.setContentType(org.springframework.http.MediaType.APPLICATION_PDF);
      String disposition = pdf.getHeaders().getFirst("Content-Disposition");
      if (disposition != null) {
        h.set("Content-Disposition", disposition);
      }
    }).body(pdf.getBody());
  }

  @GetMapping("/api/accounts/{accountId}/payments")
  Map<String, Object> payments(@PathVariable UUID accountId, @RequestParam Map<String, String> query) {
    access.requireView(accountId.toString());
    return billing.payments(accountId, only(query, PAGE));
  }

  @GetMapping("/api/accounts/{accountId}/payment-methods")
  List<Map<String, Object>> paymentMethods(@PathVariable UUID accountId) {
    access.requireView(accountId.toString());
    return billing.paymentMethods(accountId);
  }

  private static Map<String, String> only(Map<String, String> query, List<String> allowed) {
    Map<String, String> kept = new LinkedHashMap<>();
    allowed.forEach(k -> {
      if (query.get(k) != null) {
        kept.put(k, query.get(k));
      }
    });
    return kept;
  }
}
