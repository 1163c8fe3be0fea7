package io.peakhub.cases.success;

import io.peakhub.platform.access.Grant;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.KeycloakRoles;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Who sees which customer success record: the one rule behind every list, detail, search source,
 * attachment download and child list, as a store query ({@link #where}) and as a test on one record
 * ({@link #sees}); the two always agree (SuccessVisibilityTest checks both against the same
 * matrix).
 *
 * <ul>
 *   <li>Staff (success agents, admins, account executives): "all" is every record of the account
 *       (the account itself is checked by platform's AccountAccess first), "my" the records
 *       assigned to them.
 *   <li>Customers: only records visible to the customer. "All": every such record for a customer
 *       case manager (My Cases granted with scope {@code all}), else those whose contact filter
 *       names them; "my": those whose contact filter names them.
 * </ul>
 */
final class SuccessVisibility {

  enum Scope {
    all,
    my
  }

  /** The caller as the rule sees them. */
  record Viewer(String id, boolean staff, boolean caseManager) {

    static Viewer current(Grant myCases) {
      CurrentUser user = CurrentUser.get();
      boolean staff =
          user.hasRole(KeycloakRoles.SUCCESS_AGENT)
              || user.hasRole(KeycloakRoles.ADMIN)
              || user.hasRole(KeycloakRoles.ACCOUNT_EXECUTIVE);
      return new Viewer(user.id(), staff, myCases.allRecords());
    }
  }

  private SuccessVisibility() {}

  static Criteria where(Viewer viewer, String accountId, Scope scope) {
    Criteria account = Criteria.where("accountId").is(accountId);
    if (viewer.staff()) {
      return scope == Scope.my ? account.and("assigneeId").is(viewer.id()) : account;
    }
    Criteria visible = account.and("visibleToCustomer").is(true);
    if (scope == Scope.all && viewer.caseManager()) {
      return visible;
    }
    return visible.and("contactIds").is(viewer.id());
  }

  static boolean sees(Viewer viewer, SuccessRecord r, String accountId, Scope scope) {
    if (!r.accountId().equals(accountId)) {
      return false;
    }
    if (viewer.staff()) {
      return scope == Scope.all || viewer.id().equals(r.assigneeId());
    }
    if (!r.visibleToCustomer()) {
      return false;
    }
    return (scope == Scope.all && viewer.caseManager()) || r.contactIds().contains(viewer.id());
  }
}
