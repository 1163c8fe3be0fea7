package io.peakhub.cases.identity;

import java.util.List;

/**
 * What case-service asks identity-service besides the access decision: the portal settings and the
 * contacts of an account. Asked with the caller's token; identity-service down is a 503.
 */
public interface Identity {

  record Contact(String id, String name) {}

  PortalSettings settings();

  /**
   * The settings as last read for any caller, without asking (for work that runs without a user,
   * like the archiver): identity-service answers {@code /settings} to signed-in users only.
   */
  default PortalSettings lastKnown() {
    return PortalSettings.defaults();
  }

  List<Contact> contacts(String accountId);
}
