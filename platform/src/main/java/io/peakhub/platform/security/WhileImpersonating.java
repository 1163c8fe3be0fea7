package io.peakhub.platform.security;

import io.peakhub.platform.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * Actions an admin logged in as a customer must not take on the customer's behalf (changing their
 * password or e-mail, adding or removing payment methods, impersonating again). The rule reads only
 * the {@code impersonator} claim of the Keycloak-signed access token, so nothing the browser sends
 * can switch it off or on.
 */
public final class WhileImpersonating {

  public static final String PROBLEM = "not-while-impersonating";

  private WhileImpersonating() {}

  /**
   * Refuses with 403 {@code not-while-impersonating} when the caller's token names an impersonator.
   */
  public static void refuse(String action) {
    CurrentUser user = CurrentUser.get();
    if (user.impersonatorId() != null) {
      throw new ProblemException(
              HttpStatus.FORBIDDEN,
              PROBLEM,
              "While logged in as a customer you cannot "
                  + action
                  + ". Exit the customer's view and ask the customer to do it.")
          .with("action", action);
    }
  }
}
