package io.peakhub.billing.contact;

import io.peakhub.billing.account.Accounts;
import io.peakhub.billing.account.BillingAccount;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.WhileImpersonating;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's bill-to and sold-to contacts. Changing the billing e-mail needs a recent sign-in
 * (the token's auth_time), because invoices and receipts go there.
 */
@RestController
class ContactController {

  record Contacts(Contact billTo, Contact soldTo) {}

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private final AccountAccess access;
  private final Accounts accounts;
  private final ContactRepository contacts;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration freshLogin;

  ContactController(
      AccountAccess access,
      Accounts accounts,
      ContactRepository contacts,
      Outbox outbox,
      Clock clock,
      @Value("${peakhub.billing.email-change-max-login-age:PT5M}") Duration freshLogin) {
    this.access = access;
    this.accounts = accounts;
    this.contacts = contacts;
    this.outbox = outbox;
    this.clock = clock;
    this.freshLogin = freshLogin;
  }

  @GetMapping("/accounts/{accountId}/contacts")
  Contacts get(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_account, Level.view);
    accounts.get(accountId);
    return new Contacts(
        find(accountId, "bill_to").orElse(null), find(accountId, "sold_to").orElse(null));
  }

  @PutMapping("/accounts/{accountId}/contacts/bill-to")
  @Transactional
  public Contacts putBillTo(@PathVariable UUID accountId, @Valid @RequestBody Contact contact) {
    return put(accountId, "bill_to", contact);
  }

  @PutMapping("/accounts/{accountId}/contacts/sold-to")
  @Transactional
  public Contacts putSoldTo(@PathVariable UUID accountId, @Valid @RequestBody Contact contact) {
    return put(accountId, "sold_to", contact);
  }

  /** Sold-to is optional: removing it means "same as bill-to". */
  @DeleteMapping("/accounts/{accountId}/contacts/sold-to")
  @Transactional
  public Contacts removeSoldTo(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    activeAccount(accountId);
    contacts.delete(accountId, "sold_to");
    return announced(accountId, new Contacts(find(accountId, "bill_to").orElse(null), null));
  }

  private Contacts put(UUID accountId, String role, Contact contact) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    activeAccount(accountId);
    if (!COUNTRIES.contains(contact.country())) {
      throw new InvalidInputException(
          "country", "'country' must be an ISO 3166 country code such as DE or US.");
    }
    Optional<Contact> before = find(accountId, role);
    boolean emailChanges =
        before.map(b -> !b.email().equalsIgnoreCase(contact.email())).orElse(false);
    if (emailChanges) {
      WhileImpersonating.refuse("change the billing e-mail");
      requireRecentLogin();
    }
    contacts.save(accountId, role, contact, CurrentUser.get(), clock.instant());
    return announced(
        accountId,
        new Contacts(
            find(accountId, "bill_to").orElse(null), find(accountId, "sold_to").orElse(null)));
  }

  private Contacts announced(UUID accountId, Contacts after) {
    outbox.append(
        "billing.account", accountId.toString(), ContactsChanged.TYPE, new ContactsChanged(after));
    return after;
  }

  private void requireRecentLogin() {
    var jwt =
        ((JwtAuthenticationToken) SecurityContextHolder.getContext().getAuthentication())
            .getToken();
    Object authTime = jwt.getClaims().get("auth_time");
    Instant signedIn =
        authTime instanceof Number n
            ? Instant.ofEpochSecond(n.longValue())
            : authTime instanceof Instant i ? i : null;
    if (signedIn == null || signedIn.isBefore(clock.instant().minus(freshLogin))) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "recent-login-required",
          "Changing the billing e-mail needs a recent sign-in. Sign in again, then repeat the change.");
    }
  }

  private BillingAccount activeAccount(UUID accountId) {
    return accounts.lockActive(accountId, "no changes are allowed");
  }

  private Optional<Contact> find(UUID accountId, String role) {
    return contacts.find(accountId, role);
  }
}
