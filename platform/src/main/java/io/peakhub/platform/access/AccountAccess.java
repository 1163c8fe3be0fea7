package io.peakhub.platform.access;

import io.peakhub.platform.problem.NotFoundException;

/**
 * Answers "may the calling user see account X?" Deny by default. Services never trust an account
 * or user id from a request body: they take the account from the path and check it here. A
 * refusal is a 404, so nobody learns which account ids exist.
 */
public interface AccountAccess {

  AccountScope currentUserScope();

  default void requireView(String accountId) {
    if (accountId == null || !currentUserScope().includes(accountId)) {
      throw new NotFoundException("Account", accountId);
    }
  }
}
