package io.peakhub.platform.access;

import java.util.Map;
import java.util.Set;

/**
 * What one user may do: which accounts (every account for admins and agents, else the listed ones)
 * and, per area, the grant of their profile. Anything not granted is denied.
 */
public record AccountScope(boolean allAccounts, Set<String> accountIds, Map<Area, Grant> grants) {

  public AccountScope {
    accountIds = Set.copyOf(accountIds);
    grants = Map.copyOf(grants);
  }

  public static AccountScope none() {
    return new AccountScope(false, Set.of(), Map.of());
  }

  public boolean includes(String accountId) {
    return allAccounts || accountIds.contains(accountId);
  }

  public Grant grant(Area area) {
    return grants.getOrDefault(area, Grant.NONE);
  }
}
