package io.peakhub.identity.access;

import io.peakhub.identity.membership.MembershipRepository;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.KeycloakRoles;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The access decision itself, made where the memberships live. Admins and success agents work
 * across every account; customers and account managers see the accounts they belong to; anyone
 * else sees none.
 */
@Component
class LocalAccountAccess implements AccountAccess {

  private final MembershipRepository memberships;

  LocalAccountAccess(MembershipRepository memberships) {
    this.memberships = memberships;
  }

  @Override
  public AccountScope currentUserScope() {
    CurrentUser user = CurrentUser.get();
    if (user.hasRole(KeycloakRoles.ADMIN) || user.hasRole(KeycloakRoles.SUCCESS_AGENT)) {
      return new AccountScope(true, Set.of());
    }
    if (!user.hasRole(KeycloakRoles.CUSTOMER) && !user.hasRole(KeycloakRoles.ACCOUNT_EXECUTIVE)) {
      return AccountScope.none();
    }
    return new AccountScope(false,
        memberships.accountIdsOf(user.id()).stream().map(UUID::toString).collect(Collectors.toUnmodifiableSet()));
  }
}
