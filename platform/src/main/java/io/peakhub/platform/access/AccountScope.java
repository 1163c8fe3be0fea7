package io.peakhub.platform.access;

import java.util.Set;

/** The accounts one user may see: every account (admin, success agent) or the listed ones. */
public record AccountScope(boolean allAccounts, Set<String> accountIds) {

  public static AccountScope none() {
    return new AccountScope(false, Set.of());
  }

  public boolean includes(String accountId) {
    return allAccounts || accountIds.contains(accountId);
  }
}
