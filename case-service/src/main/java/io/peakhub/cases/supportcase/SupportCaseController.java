package io.peakhub.cases.supportcase;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** My Cases (read) and the internal admin API that records a case (demo data, imports). */
@RestController
class SupportCaseController {

  record CaseView(String number, String accountId, String subject, String status, Instant createdAt, Instant updatedAt) {}

  record PutCase(@NotNull UUID accountId, @NotBlank @Size(max = 300) String subject,
      @NotBlank @Pattern(regexp = "open|pending|resolved|closed") String status) {}

  private final SupportCaseRepository cases;
  private final AccountAccess access;
  private final Clock clock;

  SupportCaseController(SupportCaseRepository cases, AccountAccess access, Clock clock) {
    this.cases = cases;
    this.access = access;
    this.clock = clock;
  }

  @GetMapping("/accounts/{accountId}/cases")
  List<CaseView> list(@PathVariable UUID accountId) {
    access.requireView(accountId.toString());
    return cases.findByAccountIdOrderByNumberAsc(accountId.toString()).stream().map(SupportCaseController::view).toList();
  }

  @PutMapping("/admin/cases/{number}")
  @PreAuthorize("hasRole('admin')")
  CaseView put(@PathVariable @Pattern(regexp = "CS-[0-9]{6}") String number, @Valid @RequestBody PutCase request) {
    Instant now = clock.instant();
    String by = CurrentUser.get().username();
    SupportCase saved = cases.findByNumber(number)
        .map(existing -> {
          if (!existing.accountId().equals(request.accountId().toString())) {
            throw new ConflictException("duplicate-case-number", "Case " + number + " belongs to another account.");
          }
          return cases.save(new SupportCase(existing.id(), number, existing.accountId(), request.subject(),
              request.status(), existing.createdAt(), now, by, existing.version()));
        })
        .orElseGet(() -> cases.save(new SupportCase(null, number, request.accountId().toString(), request.subject(),
            request.status(), now, now, by, null)));
    return view(saved);
  }

  private static CaseView view(SupportCase c) {
    return new CaseView(c.number(), c.accountId(), c.subject(), c.status(), c.createdAt(), c.updatedAt());
  }
}
