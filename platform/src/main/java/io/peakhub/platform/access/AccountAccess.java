package io.peakhub.platform.access;

import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Answers "may the calling user do this on account X?" Deny by default. Services never trust an
 * account or user id from a request body: they take the account from the path and check it here. An
 * account the user may not see is a 404 (nobody learns which ids exist); an area their profile does
 * not grant is a 403.
 */
public interface AccountAccess {

  AccountScope currentUserScope();

  default void requireView(String accountId) {
    if (accountId == null || !currentUserScope().includes(accountId)) {
      throw new NotFoundException("Account", accountId);
    }
  }

  /**
   * The account must be visible and the profile must grant at least {@code level} in {@code area};
   * returns the grant.
   */
  default Grant require(String accountId, Area area, Level level) {
    requireView(accountId);
    Grant grant = currentUserScope().grant(area);
    if (!grant.allows(level)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Your profile allows " + grant.level() + " in " + area + "; this needs " + level + ".");
    }
    return grant;
  }

  /**
   * For lists across accounts (e.g. My Cases over every account a manager manages): the accounts
   * the caller may see, each with the profile's grant in {@code area}, which must allow at least
   * {@code level} (else 403). The grant is the profile's, so it is the same on every account; a
   * caller without any account gets an empty scope, not an error.
   */
  default AccountScope requireAcrossAccounts(Area area, Level level) {
    AccountScope scope = currentUserScope();
    if (!scope.allAccounts() && scope.accountIds().isEmpty()) {
      return scope;
    }
    Grant grant = scope.grant(area);
    if (!grant.allows(level)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Your profile allows " + grant.level() + " in " + area + "; this needs " + level + ".");
    }
    return scope;
  }

  /**
   * Like {@link #require} where any of several areas suffices (e.g. invoices show in My Account and
   * behind Pay Invoice).
   */
  default Grant requireAny(String accountId, Level level, Area... areas) {
    requireView(accountId);
    AccountScope scope = currentUserScope();
    for (Area area : areas) {
      if (scope.grant(area).allows(level)) {
        return scope.grant(area);
      }
    }
    throw new ProblemException(
        HttpStatus.FORBIDDEN,
        "forbidden",
        "Your profile does not allow " + level + " in " + java.util.Arrays.toString(areas) + ".");
  }
}
