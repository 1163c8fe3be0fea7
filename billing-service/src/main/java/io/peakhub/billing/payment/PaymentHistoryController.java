package io.peakhub.billing.payment;

import io.peakhub.billing.paging.PageLimit;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.NotFoundException;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payment history, newest first, keyset-paged; and one payment (pending ones too) with the invoices
 * it paid.
 */
@RestController
class PaymentHistoryController {

  private final AccountAccess access;
  private final PaymentHistory history;

  PaymentHistoryController(AccountAccess access, PaymentHistory history) {
    this.access = access;
    this.history = history;
  }

  @GetMapping("/accounts/{accountId}/payments")
  PaymentHistory.PaymentPage list(
      @PathVariable UUID accountId,
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
      @io.swagger.v3.oas.annotations.Parameter(hidden = true)
          @RequestParam(name = "size", required = false)
          String size) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    return history.page(accountId, after, PageLimit.of(limit, size));
  }

  @GetMapping("/accounts/{accountId}/payments/{paymentId}")
  PaymentHistory.PaymentDetail get(@PathVariable UUID accountId, @PathVariable UUID paymentId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    return history
        .detail(accountId, paymentId)
        .orElseThrow(() -> new NotFoundException("Payment", paymentId));
  }
}
