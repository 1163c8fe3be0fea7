package io.peakhub.platform.testing;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.security.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for identity-service in one service's integration tests: grants are set by the test
 * per user id. The real decision is covered by identity-service's tests and the end-to-end tests.
 */
public class StaticAccountAccess implements AccountAccess {

  private final Map<String, AccountScope> grants = new ConcurrentHashMap<>();

  public StaticAccountAccess grant(String userId, String... accountIds) {
    grants.put(userId, new AccountScope(false, Set.of(accountIds)));
    return this;
  }

  public StaticAccountAccess grantAll(String userId) {
    grants.put(userId, new AccountScope(true, Set.of()));
    return this;
  }

  @Override
  public AccountScope currentUserScope() {
    return grants.getOrDefault(CurrentUser.get().id(), AccountScope.none());
  }
}
