package io.peakhub.billing.account;

import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Internal, admin-only: creates or updates a billing account (used by the demo data and back-office
 * tools).
 */
@RestController
@PreAuthorize("hasRole('admin')")
class AccountAdminController {

  record PutAccount(
      @NotBlank @Pattern(regexp = "A-[0-9]{6}") String number,
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Size(min = 3, max = 3) String currency,
      @NotBlank @Pattern(regexp = "active|inactive") String status,
      @Pattern(regexp = "[a-z]{2,3}(-[A-Z]{2})?") String locale,
      Map<String, JsonNode> fields) {}

  private final Accounts accounts;
  private final AccountSummaries summaries;

  AccountAdminController(Accounts accounts, AccountSummaries summaries) {
    this.accounts = accounts;
    this.summaries = summaries;
  }

  record Announced(long accounts) {}

  private static final int ANNOUNCE_PAGE = 500;

  /**
   * Every account's summary announced again, a page per transaction (see
   * AccountSummaries.announcePage).
   */
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
  public AccountSummary put(@PathVariable UUID accountId, @Valid @RequestBody PutAccount request) {
    return accounts.put(
        accountId,
        new Accounts.Change(
            request.number(),
            request.name(),
            request.currency(),
            request.status(),
            request.locale(),
            request.fields()),
        CurrentUser.get().username());
  }
}
