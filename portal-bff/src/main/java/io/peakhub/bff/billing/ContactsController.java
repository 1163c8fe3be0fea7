package io.peakhub.bff.billing;

import io.peakhub.bff.downstream.BillingClient;
import io.peakhub.bff.downstream.BillingViews.Contact;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Edits the account's bill-to and sold-to contacts (edit in My Account). Changing the billing
 * e-mail may answer 403 {@code recent-login-required}: the web app then sends the browser to {@code
 * /login/reauthenticate?return=...} and repeats the change.
 */
@RestController
class ContactsController {

  /** The same rules as billing's, so bad input stops at the edge with the field named. */
  record ContactRequest(
      @NotBlank @Size(max = 200) String name,
      @NotBlank @Email @Size(max = 254) String email,
      @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
      @NotBlank @Size(max = 200) String line1,
      @Size(max = 200) String line2,
      @NotBlank @Size(max = 100) String city,
      @Size(max = 20) String postalCode,
      @Size(max = 100) String region,
      @NotBlank @Pattern(regexp = "[A-Z]{2}") String country) {

    Contact toBilling() {
      return new Contact(name, email, phone, line1, line2, city, postalCode, region, country);
    }
  }

  private final AccountAccess access;
  private final BillingClient billing;

  ContactsController(AccountAccess access, BillingClient billing) {
    this.access = access;
    this.billing = billing;
  }

  /** Answers the contact as saved. */
  @PutMapping("/api/accounts/{accountId}/contacts/bill-to")
  Contact putBillTo(@PathVariable UUID accountId, @Valid @RequestBody ContactRequest contact) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    return billing.putBillTo(accountId, contact.toBilling()).billTo();
  }

  @PutMapping("/api/accounts/{accountId}/contacts/sold-to")
  Contact putSoldTo(@PathVariable UUID accountId, @Valid @RequestBody ContactRequest contact) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    return billing.putSoldTo(accountId, contact.toBilling()).soldTo();
  }

  /** Sold-to is optional: without it, bill-to is used. */
  @DeleteMapping("/api/accounts/{accountId}/contacts/sold-to")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeSoldTo(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_account, Level.edit);
    billing.removeSoldTo(accountId);
  }
}
