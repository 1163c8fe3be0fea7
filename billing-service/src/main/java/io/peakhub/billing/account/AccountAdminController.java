package io.peakhub.billing.account;

import io.peakhub.platform.money.Money;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Internal, admin-only: creates or updates a billing account (used by the demo data and back-office tools). */
@RestController
@PreAuthorize("hasRole('admin')")
class AccountAdminController {

  record PutAccount(@NotBlank @Pattern(regexp = "A-[0-9]{6}") String number, @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(min = 3, max = 3) String currency, @NotBlank @Pattern(regexp = "active|inactive") String status,
      @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?") String locale) {}

  private final AccountRepository accounts;
  private final AccountSummaries summaries;
  private final Outbox outbox;
  private final Clock clock;

  AccountAdminController(AccountRepository accounts, AccountSummaries summaries, Outbox outbox, Clock clock) {
    this.accounts = accounts;
    this.summaries = summaries;
    this.outbox = outbox;
    this.clock = clock;
  }

  record Announced(long accounts) {}

  private static final int ANNOUNCE_PAGE = 500;

  /** Every account's summary announced again, a page per transaction (see AccountSummaries.announcePage). */
  @org.springframework.web.bind.annotation.PostMapping("/admin/accounts/announce")
  public Announced announceAll() {
    long count = 0;
    java.util.List<UUID> page;
    UUID after = null;
    do {
      page = summaries.announcePage(after, ANNOUNCE_PAGE);
      count += page.size();
      after = page.isEmpty() ? after : page.get(page.size() - 1);
    } while (page.size() == ANNOUNCE_PAGE);
    return new Announced(count);
  }

  @PutMapping("/admin/accounts/{accountId}")
  @Transactional
  public AccountSummary put(@PathVariable UUID accountId, @Valid @RequestBody PutAccount request) {
    Money.currency(request.currency());
    java.util.Optional<BillingAccount> before = accounts.find(accountId);
    before.ifPresent(existing -> {
      if (!existing.currency().equals(request.currency())) {
        throw new InvalidInputException("currency", "An account's currency cannot change once it exists.");
      }
    });
    if (accounts.numberTakenByAnother(accountId, request.number())) {
      throw new ConflictException("duplicate-account-number", "Account number " + request.number() + " is taken.");
    }
    Instant now = clock.instant();
    // no locale given: an existing account keeps its own (the admin console edits name and status only)
    String locale = request.locale() != null ? request.locale() : before.map(BillingAccount::locale).orElse("en-US");
    PutAccount stored = new PutAccount(request.number(), request.name(), request.currency(), request.status(), locale);
    accounts.upsert(accountId, stored.number(), stored.name(), stored.currency(), stored.status(), locale, now);
    outbox.append(AccountSummaries.TOPIC, accountId.toString(), "AccountUpdated.v1", stored);
    return summaries.changed(accountId, now);
  }
}
