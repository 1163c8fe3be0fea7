package io.peakhub.identity.access;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Other services ask here, with the user's own token, which accounts that user may see. */
@RestController
class AccessController {

  record AccessView(boolean allAccounts, List<String> accountIds) {}

  private final AccountAccess access;

  AccessController(AccountAccess access) {
    this.access = access;
  }

  @GetMapping("/access/me")
  AccessView me() {
    AccountScope scope = access.currentUserScope();
    return new AccessView(scope.allAccounts(), scope.accountIds().stream().sorted().toList());
  }
}
