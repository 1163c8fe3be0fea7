package io.peakhub.identity.access;

import io.peakhub.identity.profile.ProfileView;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Other services ask here, with the user's own token, which accounts that user may see and what
 * they may do.
 */
@RestController
class AccessController {

  record ProfileRef(String id, String name) {}

  record AccessView(
      boolean allAccounts, List<String> accountIds, ProfileRef profile, Map<Area, Grant> grants) {}

  private final LocalAccountAccess access;

  AccessController(LocalAccountAccess access) {
    this.access = access;
  }

  @GetMapping("/access/me")
  AccessView me() {
    AccountScope scope = access.currentUserScope();
    ProfileView profile = access.profileOfCurrentUser();
    return new AccessView(
        scope.allAccounts(),
        scope.accountIds().stream().sorted().toList(),
        profile == null ? null : new ProfileRef(profile.id().toString(), profile.name()),
        scope.grants());
  }
}
