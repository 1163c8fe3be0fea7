package io.peakhub.bff.me;

import io.peakhub.bff.downstream.AccountSummary;
import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.problem.ServiceUnavailableException;
import io.peakhub.platform.security.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, their roles, and the accounts they may open (the UI's first call). */
@RestController
class MeController {

  record AccountRef(UUID accountId, String accountNumber, String name) {}

  record MeView(
      String userId,
      String username,
      String name,
      String locale,
      List<String> roles,
      boolean allAccounts,
      List<AccountRef> accounts,
      Map<Area, Grant> grants,
      String impersonatorId) {}

  private final AccountAccess access;
  private final AccountSummaries summaries;

  MeController(AccountAccess access, AccountSummaries summaries) {
    this.access = access;
    this.summaries = summaries;
  }

  @GetMapping("/api/me")
  MeView me() {
    CurrentUser user = CurrentUser.get();
    var jwt =
        ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication())
            .getToken();
    AccountScope scope = access.currentUserScope();
    List<AccountRef> accounts =
        scope.accountIds().stream()
            .sorted()
            .limit(50)
            .map(UUID::fromString)
            .map(this::ref)
            .toList();
    return new MeView(
        user.id(),
        user.username(),
        jwt.getClaimAsString("name"),
        jwt.getClaimAsString("locale"),
        user.roles(),
        scope.allAccounts(),
        accounts,
        scope.grants(),
        user.impersonatorId());
  }

  /**
   * Billing down and the account not yet in the read model: the id alone, the rest of the answer
   * still comes.
   */
  private AccountRef ref(UUID accountId) {
    try {
      AccountSummary s = summaries.get(accountId);
      return new AccountRef(s.accountId(), s.accountNumber(), s.name());
    } catch (ServiceUnavailableException e) {
      return new AccountRef(accountId, null, null);
    }
  }
}
