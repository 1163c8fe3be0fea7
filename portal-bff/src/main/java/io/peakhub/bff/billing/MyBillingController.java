package io.peakhub.bff.billing;

import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.bff.downstream.BillingViews.AddCard;
import io.peakhub.bff.downstream.BillingViews.InvoiceDetail;
import io.peakhub.bff.downstream.BillingViews.InvoicePage;
import io.peakhub.bff.downstream.BillingViews.PaymentMethod;
import io.peakhub.bff.downstream.BillingViews.PaymentPage;
import io.peakhub.bff.downstream.BillingViews.Receipt;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * My Account's billing screens: invoice history, one invoice and its PDF, payments and one
 * payment's receipt, saved payment methods. Reads need view in My Account or Pay Invoice (as in
 * billing); changing payment methods needs edit in My Account.
 */
@RestController
class MyBillingController {

  static final String CURSOR = "[A-Za-z0-9_=-]{1,200}";

  record AddPaymentMethod(@NotBlank @Size(max = 2000) String cardToken, Boolean makeDefault) {}

  private final AccountAccess access;
  private final BillingClient billing;

  MyBillingController(AccountAccess access, BillingClient billing) {
    this.access = access;
    this.billing = billing;
  }

  @GetMapping("/api/accounts/{accountId}/invoices")
  InvoicePage invoices(
      @PathVariable UUID accountId,
      @RequestParam(required = false) @Pattern(regexp = "all|open|paid|partially_paid|overdue|void")
          String status,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false)
          @Pattern(regexp = "(invoiceDate|dueDate|amount|number)(,(asc|desc))?")
          String sort,
      @RequestParam(required = false) @Pattern(regexp = CURSOR) String after,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    readable(accountId);
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "status", status);
    put(query, "from", from);
    put(query, "to", to);
    put(query, "sort", sort);
    put(query, "after", after);
    put(query, "limit", limit);
    return billing.invoices(accountId, query);
  }

  @GetMapping("/api/accounts/{accountId}/invoices/{invoiceId}")
  InvoiceDetail invoice(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
    readable(accountId);
    return billing.invoice(accountId, invoiceId);
  }

  /** Inline by default (shown in the page); {@code ?download=true} makes the browser save it. */
  @GetMapping("/api/accounts/{accountId}/invoices/{invoiceId}/pdf")
  ResponseEntity<byte[]> invoicePdf(
      @PathVariable UUID accountId,
      @PathVariable UUID invoiceId,
      @RequestParam(defaultValue = "false") boolean download) {
    readable(accountId);
    ResponseEntity<byte[]> pdf = billing.invoicePdf(accountId, invoiceId);
    String given = pdf.getHeaders().getFirst("Content-Disposition");
    String filename = given == null ? null : ContentDisposition.parse(given).getFilename();
    if (filename == null) {
      filename = "invoice-" + invoiceId + ".pdf";
    }
    ContentDisposition disposition =
        (download ? ContentDisposition.attachment() : ContentDisposition.inline())
            .filename(filename)
            .build();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header("Content-Disposition", disposition.toString())
        .header("Cache-Control", "private, no-store")
        .body(pdf.getBody());
  }

  @GetMapping("/api/accounts/{accountId}/payments")
  PaymentPage payments(
      @PathVariable UUID accountId,
      @RequestParam(required = false) @Pattern(regexp = CURSOR) String after,
      @RequestParam(required = false) @Min(1) @Max(100) Integer limit) {
    readable(accountId);
    Map<String, String> query = new LinkedHashMap<>();
    put(query, "after", after);
    put(query, "limit", limit);
    return billing.payments(accountId, query);
  }

  /** One payment with the invoices it paid: the receipt. */
  @GetMapping("/api/accounts/{accountId}/payments/{paymentId}")
  Receipt payment(@PathVariable UUID accountId, @PathVariable UUID paymentId) {
    readable(accountId);
    return billing.payment(accountId, paymentId);
  }

  @GetMapping("/api/accounts/{accountId}/payment-methods")
  List<PaymentMethod> paymentMethods(@PathVariable UUID accountId) {
    readable(accountId);
    return billing.paymentMethods(accountId);
  }

  /** Saves a card the browser tokenized at the processor; the card number never comes here. */
  @PostMapping("/api/accounts/{accountId}/payment-methods")
  @ResponseStatus(HttpStatus.CREATED)
  PaymentMethod addPaymentMethod(
      @PathVariable UUID accountId, @Valid @RequestBody AddPaymentMethod request) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    PaymentMethod added =
        billing.addPaymentMethod(accountId, new AddCard("card", request.cardToken(), null));
    if (Boolean.TRUE.equals(request.makeDefault()) && !added.isDefault()) {
      return billing.makeDefault(accountId, added.id());
    }
    return added;
  }

  @PostMapping("/api/accounts/{accountId}/payment-methods/{methodId}/default")
  PaymentMethod makeDefault(@PathVariable UUID accountId, @PathVariable UUID methodId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    return billing.makeDefault(accountId, methodId);
  }

  @DeleteMapping("/api/accounts/{accountId}/payment-methods/{methodId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removePaymentMethod(@PathVariable UUID accountId, @PathVariable UUID methodId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    billing.removePaymentMethod(accountId, methodId);
  }

  private void readable(UUID accountId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
  }

  private static void put(Map<String, String> query, String name, Object value) {
    if (value != null) {
      query.put(name, value.toString());
    }
  }
}
