package io.peakhub.billing.account;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

  private final AccountAccess access;
  private final AccountSummaries summaries;

  AccountController(AccountAccess access, AccountSummaries summaries) {
    this.access = access;
    this.summaries = summaries;
  }

  @GetMapping("/accounts/{accountId}/summary")
  AccountSummary summary(@PathVariable UUID accountId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.pay_invoices);
    return summaries.of(accountId);
  }
}
