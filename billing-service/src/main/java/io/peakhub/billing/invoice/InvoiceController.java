package io.peakhub.billing.invoice;

import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.billing.paging.PageLimit;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Invoice history, one invoice with its lines, and its PDF. */
@RestController
class InvoiceController {

  record InvoicePage(List<InvoiceView> items, String next) {}

  record InvoiceDetail(InvoiceView invoice, List<InvoiceLines.Line> lines) {}

  private final AccountAccess access;
  private final InvoiceRepository invoices;
  private final Accounts accounts;
  private final InvoicePdf pdf;
  private final Clock clock;

  InvoiceController(
      AccountAccess access,
      InvoiceRepository invoices,
      Accounts accounts,
      InvoicePdf pdf,
      Clock clock) {
    this.access = access;
    this.invoices = invoices;
    this.accounts = accounts;
    this.pdf = pdf;
    this.clock = clock;
  }

  @GetMapping("/accounts/{accountId}/invoices")
  InvoicePage list(
      @PathVariable UUID accountId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String after,
      @io.swagger.v3.oas.annotations.Parameter(
              description = "page size",
              schema =
                  @io.swagger.v3.oas.annotations.media.Schema(
                      type = "integer",
                      minimum = "1",
                      maximum = "" + PageLimit.MAX,
                      defaultValue = "" + PageLimit.DEFAULT))
          @RequestParam(required = false)
          Integer limit,
      // only to refuse it with a pointer to 'limit' (PageLimit): not part of the documented API
      @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestParam(required = false)
          String size) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    InvoiceQuery query =
        InvoiceQuery.parse(status, from, to, sort, after, PageLimit.of(limit, size));
    InvoiceRepository.Page page = invoices.list(accountId, query, today());
    return new InvoicePage(page.items(), page.next());
  }

  @GetMapping("/accounts/{accountId}/invoices/{invoiceId}")
  InvoiceDetail get(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    InvoiceView invoice =
        invoices
            .find(accountId, invoiceId, today())
            .orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
    return new InvoiceDetail(invoice, invoices.lines(invoiceId));
  }

  @GetMapping(
      value = "/accounts/{accountId}/invoices/{invoiceId}/pdf",
      produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable UUID accountId, @PathVariable UUID invoiceId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    InvoiceView invoice =
        invoices
            .find(accountId, invoiceId, today())
            .orElseThrow(() -> new NotFoundException("Invoice", invoiceId));
    BillingAccount account = accounts.get(accountId);
    byte[] document = pdf.render(account, invoice, invoices.lines(invoiceId));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            "Content-Disposition",
            ContentDisposition.attachment().filename(invoice.number() + ".pdf").build().toString())
        .body(document);
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
