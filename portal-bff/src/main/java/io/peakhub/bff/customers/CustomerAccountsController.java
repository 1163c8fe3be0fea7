package io.peakhub.bff.customers;

import io.peakhub.bff.summary.AccountDirectory;
import io.peakhub.bff.summary.AccountDirectory.Cursor;
import io.peakhub.bff.summary.AccountDirectory.Page;
import io.peakhub.bff.summary.AccountDirectory.Query;
import io.peakhub.bff.summary.AccountDirectory.Sort;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.AccountScope;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.ProblemException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer Accounts (issue 9.5): account executives see the accounts they manage, success agents
 * and admins every account (the profile's customer_accounts area); customers are refused (403).
 */
@RestController
class CustomerAccountsController {

  private final AccountAccess access;
  private final AccountDirectory directory;

  CustomerAccountsController(AccountAccess access, AccountDirectory directory) {
    this.access = access;
    this.directory = directory;
  }

  @GetMapping("/api/customer-accounts")
  Page list(
      @RequestParam(required = false) @Size(max = 100) String q,
      @RequestParam(defaultValue = "name") String sort,
      @RequestParam(defaultValue = "asc") @Pattern(regexp = "asc|desc") String direction,
      @RequestParam(required = false) @Size(max = 1000) String after,
      @RequestParam(defaultValue = "25") @Min(1) @Max(100) int limit) {
    AccountScope scope = access.currentUserScope();
    if (!scope.grant(Area.customer_accounts).allows(Level.view)) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "forbidden", "Your profile does not include Customer Accounts.");
    }
    Sort by =
        Arrays.stream(Sort.values())
            .filter(s -> s.name().equals(sort))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "sort",
                        "'sort' must be one of name, number, balance, credit, overdue, lastPaymentAt, status, manager, "
                            + "activeSubscriptions, mrr."));
    Cursor cursor = null;
    if (after != null) {
      cursor = Cursor.decode(after);
      if (cursor == null || !by.accepts(cursor.value())) {
        throw new InvalidInputException(
            "after", "'after' is not a cursor of this list and sort; start again without it.");
      }
    }
    String search = q == null || q.isBlank() ? null : q.trim();
    return directory.list(
        new Query(
            search,
            by,
            direction.equals("desc"),
            cursor,
            limit,
            scope.allAccounts() ? null : scope.accountIds()));
  }
}
