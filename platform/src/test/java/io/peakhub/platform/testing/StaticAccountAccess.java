package io.peakhub.platform.testing;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.security.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for identity-service in one service's integration tests: grants are set by the test per
 * user id. The real decision is covered by identity-service's tests and the end-to-end tests.
 */
public class StaticAccountAccess implements AccountAccess {

  private final Map<String, AccountScope> grants = new ConcurrentHashMap<>();

  /** Every area at full, on these accounts: the access of a billing-admin contact. */
  public static final Map<Area, Grant> FULL =
      java.util.Arrays.stream(Area.values())
          .collect(
              java.util.stream.Collectors.toMap(
                  a -> a, a -> new Grant(Level.full, Grant.Scope.all)));

  public StaticAccountAccess grant(String userId, String... accountIds) {
    grants.put(userId, new AccountScope(false, Set.of(accountIds), FULL));
    return this;
  }

  public StaticAccountAccess grant(
      String userId, Map<Area, Grant> areaGrants, String... accountIds) {
    grants.put(userId, new AccountScope(false, Set.of(accountIds), areaGrants));
    return this;
  }

  public StaticAccountAccess grantAll(String userId) {
    grants.put(userId, new AccountScope(true, Set.of(), FULL));
    return this;
  }

  @Override
  public AccountScope currentUserScope() {
    return grants.getOrDefault(CurrentUser.get().id(), AccountScope.none());
  }
}
