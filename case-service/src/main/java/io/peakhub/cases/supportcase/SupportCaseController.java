package io.peakhub.cases.supportcase;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.access.Grant;
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

  record CaseView(String number, String accountId, String subject, String status, String requesterId, Instant createdAt,
      Instant updatedAt) {}

  record PutCase(@NotNull UUID accountId, @NotBlank @Size(max = 300) String subject,
      @NotBlank @Pattern(regexp = "open|pending|resolved|closed") String status,
      @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String requesterId) {}

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
    Grant grant = access.require(accountId.toString(), Area.my_cases, Level.view);
    String me = CurrentUser.get().id();
    // "restricted" is the My Cases list: only the cases the person raised
    return cases.findByAccountIdOrderByNumberAsc(accountId.toString()).stream()
        .filter(c -> grant.allRecords() || me.equals(c.requesterId()))
        .map(SupportCaseController::view).toList();
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
              request.status(), request.requesterId(), existing.createdAt(), now, by, existing.version()));
        })
        .orElseGet(() -> cases.save(new SupportCase(null, number, request.accountId().toString(), request.subject(),
            request.status(), request.requesterId(), now, now, by, null)));
    return view(saved);
  }

  private static CaseView view(SupportCase c) {
    return new CaseView(c.number(), c.accountId(), c.subject(), c.status(), c.requesterId(), c.createdAt(), c.updatedAt());
  }
}
