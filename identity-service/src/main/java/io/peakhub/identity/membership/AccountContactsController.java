package io.peakhub.identity.membership;

import io.peakhub.platform.access.AccountAccess;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contacts of an account, for whoever may see the account (its people, its manager, agents): a
 * manager opening a case on behalf of a contact picks one of these, and case-service checks the
 * choice.
 */
@RestController
class AccountContactsController {

  record Contact(String id, String name) {}

  private final MembershipRepository memberships;
  private final PersonNames names;
  private final AccountAccess access;

  AccountContactsController(
      MembershipRepository memberships, PersonNames names, AccountAccess access) {
    this.memberships = memberships;
    this.names = names;
    this.access = access;
  }

  @GetMapping("/accounts/{accountId}/contacts")
  List<Contact> contacts(@PathVariable UUID accountId) {
    access.requireView(accountId.toString());
    return memberships.contactsOf(accountId).stream()
        .map(id -> new Contact(id, names.nameOf(id).orElse(id)))
        .toList();
  }
}
