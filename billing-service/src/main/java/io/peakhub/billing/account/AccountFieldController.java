package io.peakhub.billing.account;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin-defined account fields: admins define them ({@code /admin/account-fields}); an account's
 * values are set with the account ({@code PUT /admin/accounts/{id}}, {@code fields}) and read with
 * it.
 */
@RestController
class AccountFieldController {

  record DefineField(
      @NotBlank
          @Pattern(
              regexp = "[a-z][a-zA-Z0-9_]{0,39}",
              message =
                  "must start with a lower-case letter; letters, digits and _ only, at most 40")
          String name,
      @NotBlank @Size(max = 100) String label,
      @NotNull
          @Pattern(
              regexp = "text|number|date|picklist",
              message = "must be one of text, number, date, picklist")
          String type,
      @Size(max = 50) List<String> options,
      Boolean required) {

    AccountFields.Definition definition() {
      return new AccountFields.Definition(
          name, label, type, options, Boolean.TRUE.equals(required));
    }
  }

  private final AccountFields fields;
  private final AccountAccess access;

  AccountFieldController(AccountFields fields, AccountAccess access) {
    this.fields = fields;
    this.access = access;
  }

  @GetMapping("/admin/account-fields")
  @PreAuthorize("hasRole('admin')")
  List<AccountField> definitions() {
    return fields.definitions();
  }

  @PostMapping("/admin/account-fields")
  @PreAuthorize("hasRole('admin')")
  @ResponseStatus(HttpStatus.CREATED)
  AccountField define(@Valid @RequestBody DefineField request) {
    return fields.define(request.definition(), CurrentUser.get().username());
  }

  @PutMapping("/admin/account-fields/{fieldId}")
  @PreAuthorize("hasRole('admin')")
  AccountField redefine(@PathVariable UUID fieldId, @Valid @RequestBody DefineField request) {
    return fields.redefine(fieldId, request.definition(), CurrentUser.get().username());
  }

  @DeleteMapping("/admin/account-fields/{fieldId}")
  @PreAuthorize("hasRole('admin')")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID fieldId) {
    fields.delete(fieldId);
  }

  /** The account's fields with their values: whoever may see the account's details (My Account). */
  @GetMapping("/accounts/{accountId}/fields")
  List<AccountFieldValue> of(@PathVariable UUID accountId) {
    access.requireAny(accountId.toString(), Level.view, Area.my_account, Area.customer_accounts);
    return fields.of(accountId);
  }
}
