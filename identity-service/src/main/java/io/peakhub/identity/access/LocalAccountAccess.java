package io.peakhub.identity.access;

import io.peakhub.identity.membership.Memberships;
import io.peakhub.identity.profile.ProfileView;
import io.peakhub.identity.profile.Profiles;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.KeycloakRoles;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The access decision itself, made where memberships and profiles live. Admins and success agents
 * work across every account; customers and account managers see the accounts they belong to; the
 * user's profile says what they may do there. Anyone else gets nothing.
 */
@Component
class LocalAccountAccess implements AccountAccess {

  private final Memberships memberships;
  private final Profiles profiles;
  private final PortalUsers users;

  LocalAccountAccess(Memberships memberships, Profiles profiles, PortalUsers users) {
    this.memberships = memberships;
    this.profiles = profiles;
    this.users = users;
  }

  @Override
  public AccountScope currentUserScope() {
    CurrentUser user = CurrentUser.get();
    if (users.disabled(user.id())) {
      return AccountScope.none();
    }
    ProfileView profile = profiles.ofUser(user.id(), user.roles()).orElse(null);
    if (profile == null) {
      return AccountScope.none();
    }
    if (user.hasRole(KeycloakRoles.ADMIN) || user.hasRole(KeycloakRoles.SUCCESS_AGENT)) {
      return new AccountScope(true, Set.of(), profile.grants());
    }
    Set<String> accounts =
        memberships.accountIdsOf(user.id()).stream()
            .map(UUID::toString)
            .collect(Collectors.toUnmodifiableSet());
    return new AccountScope(false, accounts, accounts.isEmpty() ? Map.of() : profile.grants());
  }

  ProfileView profileOfCurrentUser() {
    CurrentUser user = CurrentUser.get();
    return profiles.ofUser(user.id(), user.roles()).orElse(null);
  }
}
