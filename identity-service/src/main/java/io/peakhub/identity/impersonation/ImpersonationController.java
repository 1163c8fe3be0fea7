package io.peakhub.identity.impersonation;

import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.security.CurrentUser;
import io.peakhub.platform.security.WhileImpersonating;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Login as Customer" bookkeeping: the gateway reports each start and end with the admin's token;
 * admins list active impersonations, end one, and search the audit trail.
 */
@RestController
class ImpersonationController {

  record StartImpersonation(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId,
      @NotBlank @Size(max = 500) String reason,
      @Size(max = 100) String sourceAddress) {}

  record EndImpersonation(@Pattern(regexp = "exit|expiry|logout") String how) {}

  /** What the gateway polls with the session's current token: is this impersonation still on? */
  record ImpersonationState(UUID id, boolean active, String endedHow, Instant expiresAt) {}

  private final Impersonations impersonations;

  ImpersonationController(Impersonations impersonations) {
    this.impersonations = impersonations;
  }

  /** The portal's half of the rule, asked by the gateway before it exchanges any token. */
  @GetMapping("/admin/impersonations/check/{userId}")
  @PreAuthorize("hasRole('admin')")
  void check(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String userId) {
    WhileImpersonating.refuse("start another impersonation");
    impersonations.requireImpersonable(userId, CurrentUser.get());
  }

  @PostMapping("/admin/impersonations")
  @ResponseStatus(HttpStatus.CREATED)
  @PreAuthorize("hasRole('admin')")
  ImpersonationSession start(@Valid @RequestBody StartImpersonation request) {
    WhileImpersonating.refuse("start another impersonation");
    return impersonations.start(
        request.userId(), request.reason(), request.sourceAddress(), CurrentUser.get());
  }

  @PostMapping("/admin/impersonations/{id}/end")
  @PreAuthorize("hasRole('admin')")
  ImpersonationSession end(
      @PathVariable UUID id, @Valid @RequestBody(required = false) EndImpersonation request) {
    return impersonations.end(id, request == null ? null : request.how(), CurrentUser.get());
  }

  @GetMapping("/admin/impersonations")
  @PreAuthorize("hasRole('admin')")
  List<ImpersonationSession> list(
      @RequestParam(required = false) Boolean active,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return impersonations.list(active, limit);
  }

  /**
   * Answers only the admin who started it, or the impersonated session itself (its token names the
   * user as subject and the admin as impersonator); anyone else gets 404.
   */
  @GetMapping("/impersonations/{id}")
  ImpersonationState state(@PathVariable UUID id) {
    CurrentUser caller = CurrentUser.get();
    ImpersonationSession session =
        impersonations
            .find(id)
            .filter(
                s ->
                    caller.id().equals(s.adminId())
                        || (caller.id().equals(s.userId())
                            && s.adminId().equals(caller.impersonatorId())))
            .orElseThrow(() -> new NotFoundException("Impersonation", id));
    return new ImpersonationState(
        session.id(), session.active(), session.endedHow(), session.expiresAt());
  }

  @GetMapping("/admin/audit")
  @PreAuthorize("hasRole('admin')")
  List<AuditEvent> audit(
      @RequestParam(required = false) @Size(max = 100) String who,
      @RequestParam(required = false) @Size(max = 100) String actingAdmin,
      @RequestParam(required = false) UUID accountId,
      @RequestParam(required = false) @Size(max = 100) String action,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-input", "'from' must be before 'to'.", "from");
    }
    return impersonations.search(who, actingAdmin, accountId, action, from, to, limit);
  }
}
