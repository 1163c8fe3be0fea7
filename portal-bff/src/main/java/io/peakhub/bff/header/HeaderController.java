package io.peakhub.bff.header;

import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.bff.summary.AccountSummary;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The header every screen shows: account name, account balance, and whether Pay Invoice is offered. */
@RestController
class HeaderController {

  record HeaderView(UUID accountId, String accountNumber, String accountName, String currency, BigDecimal balance,
      BigDecimal creditBalance, BigDecimal lastPaymentAmount, Instant lastPaymentAt, boolean canPay, Instant asOf) {}

  private final AccountAccess access;
  private final AccountSummaries summaries;

  HeaderController(AccountAccess access, AccountSummaries summaries) {
    this.access = access;
    this.summaries = summaries;
  }

  @GetMapping("/api/accounts/{accountId}/header")
  HeaderView header(@PathVariable UUID accountId) {
    Grant grant = access.require(accountId.toString(), Area.pay_invoices, Level.view);
    AccountSummary s = summaries.get(accountId);
    return new HeaderView(s.accountId(), s.accountNumber(), s.name(), s.currency(), s.balance(), s.creditBalance(),
        s.lastPaymentAmount(), s.lastPaymentAt(),
        grant.allows(Level.create) && "active".equals(s.status()) && s.balance().signum() > 0, s.asOf());
  }
}
