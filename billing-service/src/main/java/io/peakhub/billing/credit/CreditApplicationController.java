package io.peakhub.billing.credit;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.idempotency.IdempotencyKey;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Applies credit balance to chosen open invoices: 201 applied, 200 the same Idempotency-Key again.
 */
@RestController
class CreditApplicationController {

  record InvoiceAmount(@NotNull UUID invoiceId, @NotNull BigDecimal amount) {}

  record ApplyCredit(
      @NotNull @Size(min = 3, max = 3) String currency,
      @NotNull @Size(min = 1, max = 100) List<@Valid @NotNull InvoiceAmount> invoices) {}

  private final AccountAccess access;
  private final CreditApplications applications;

  CreditApplicationController(AccountAccess access, CreditApplications applications) {
    this.access = access;
    this.applications = applications;
  }

  @PostMapping("/accounts/{accountId}/credit-applications")
  ResponseEntity<CreditApplications.Applied> apply(
      @PathVariable UUID accountId,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String key,
      @Valid @RequestBody ApplyCredit request) {
    access.require(accountId.toString(), Area.pay_invoices, Level.create);
    IdempotencyKey.require(key);
    var applied =
        applications.apply(
            accountId,
            key,
            new CreditApplications.Request(
                request.currency(),
                request.invoices().stream()
                    .map(i -> new CreditApplications.Request.Part(i.invoiceId(), i.amount()))
                    .toList()));
    return ResponseEntity.status(applied.replayed() ? 200 : 201)
        .header("Idempotent-Replayed", Boolean.toString(applied.replayed()))
        .body(applied);
  }
}
