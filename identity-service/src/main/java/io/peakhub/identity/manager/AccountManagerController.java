package io.peakhub.identity.manager;

import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account managers (SupportCenter Plus model): create with a login whose password goes to Keycloak
 * only, edit, delete one or many (confirmed), and associate with accounts: one manager per account,
 * many accounts per manager; assigning an account that has a manager moves it. HTTP only: the work,
 * and keeping Keycloak and the database in step, is {@link AccountManagers}'.
 */
@RestController
@PreAuthorize("hasRole('admin')")
class AccountManagerController {

  record CreateManager(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,20}") String employeeId,
      @NotBlank @Email @Size(max = 254) String primaryEmail,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String mobile,
      @NotBlank @Pattern(regexp = "[a-z0-9._-]{3,50}") String loginName,
      @NotBlank @Size(min = 8, max = 128) String password,
      @NotBlank String retypePassword) {

    AccountManagers.Details details() {
      return new AccountManagers.Details(name, employeeId, primaryEmail, phone, mobile);
    }

    @Override
    public String toString() {
      return "CreateManager[" + loginName + ", passwords redacted]";
    }
  }

  record EditManager(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,20}") String employeeId,
      @NotBlank @Email @Size(max = 254) String primaryEmail,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String phone,
      @Size(max = 30) @Pattern(regexp = "[+0-9 ()./-]*") String mobile) {

    AccountManagers.Details details() {
      return new AccountManagers.Details(name, employeeId, primaryEmail, phone, mobile);
    }
  }

  record Accounts(@NotNull @Size(max = 5000) List<@NotNull UUID> accountIds) {}

  private final AccountManagers managers;

  AccountManagerController(AccountManagers managers) {
    this.managers = managers;
  }

  @GetMapping("/admin/account-managers")
  List<ManagerView> list() {
    return managers.list();
  }

  @GetMapping("/admin/account-managers/{managerId}")
  ManagerView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId) {
    return managers.get(managerId);
  }

  @PostMapping("/admin/account-managers")
  @ResponseStatus(HttpStatus.CREATED)
  ManagerView create(@Valid @RequestBody CreateManager request) {
    if (!request.password().equals(request.retypePassword())) {
      throw new InvalidInputException("retypePassword", "The two passwords differ.");
    }
    return managers.create(
        request.details(), request.loginName(), request.password(), CurrentUser.get().username());
  }

  @PutMapping("/admin/account-managers/{managerId}")
  ManagerView edit(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId,
      @Valid @RequestBody EditManager request) {
    return managers.edit(managerId, request.details());
  }

  /** Deletes one or many managers: their logins, their rows, and their account assignments. */
  @DeleteMapping("/admin/account-managers")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(
      @RequestParam @Size(min = 1, max = 100)
          List<@Pattern(regexp = "[A-Za-z0-9-]{1,64}") String> ids,
      @RequestParam(defaultValue = "false") boolean confirm) {
    if (!confirm) {
      throw new InvalidInputException(
          "confirm", "Deleting account managers removes their logins; send confirm=true.");
    }
    managers.delete(ids);
  }

  @PutMapping("/admin/account-managers/{managerId}/accounts")
  ManagerView associate(
      @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String managerId,
      @Valid @RequestBody Accounts request) {
    return managers.associate(managerId, request.accountIds(), CurrentUser.get().username());
  }
}
