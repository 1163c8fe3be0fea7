package io.peakhub.subscription.subscription;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * My Subscriptions. Profile levels in my_subscriptions: view to read, create to add a subscription,
 * edit to change (and preview a change), pause and resume, full to cancel or undo a cancellation.
 * Every POST needs an Idempotency-Key; a retry answers the first answer with Idempotent-Replayed:
 * true.
 */
@RestController
class SubscriptionController {

  static final int MAX_QUANTITY = 10_000;

  record AddOnItem(
      @NotBlank @Size(max = 80) String code,
      @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {}

  record CreateRequest(
      @NotBlank @Size(max = 80) String planCode,
      @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
      @Size(max = 20) List<@Valid @NotNull AddOnItem> addOns,
      Boolean autoRenew) {}

  record ChangeRequest(
      @Size(min = 1, max = 80) String planCode,
      @Min(1) @Max(MAX_QUANTITY) Integer quantity,
      @NotNull @Pattern(regexp = "now|term_end") String when) {}

  record CancelRequest(
      @NotNull @Pattern(regexp = "now|term_end") String when,
      @NotBlank @Size(max = 40) String reason,
      @Size(max = 1000) String comment) {}

  private final AccountAccess access;
  private final SubscriptionService subscriptions;

  SubscriptionController(AccountAccess access, SubscriptionService subscriptions) {
    this.access = access;
    this.subscriptions = subscriptions;
  }

  @GetMapping("/accounts/{accountId}/subscriptions")
  List<SubscriptionView> list(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.view);
    return subscriptions.list(accountId);
  }

  @GetMapping("/accounts/{accountId}/subscriptions/{id}")
  SubscriptionView get(@PathVariable UUID accountId, @PathVariable UUID id) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.view);
    return subscriptions.get(accountId, id);
  }

  @PostMapping("/accounts/{accountId}/subscriptions")
  ResponseEntity<JsonNode> create(
      @PathVariable UUID accountId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody CreateRequest request) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.create);
    return answer(
        subscriptions.create(
            accountId,
            key(key),
            new SubscriptionService.CreateCommand(
                request.planCode(),
                request.quantity(),
                request.addOns() == null
                    ? List.of()
                    : request.addOns().stream()
                        .map(a -> new SubscriptionService.AddOnRequest(a.code(), a.quantity()))
                        .toList(),
                !Boolean.FALSE.equals(request.autoRenew()))));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/changes/preview")
  ResponseEntity<JsonNode> preview(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody ChangeRequest request) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return answer(subscriptions.preview(accountId, id, key(key), command(request)));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/changes")
  ResponseEntity<JsonNode> change(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody ChangeRequest request) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return answer(subscriptions.change(accountId, id, key(key), command(request)));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/cancel")
  ResponseEntity<JsonNode> cancel(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody CancelRequest request) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.full);
    return answer(
        subscriptions.cancel(
            accountId,
            id,
            key(key),
            new SubscriptionService.CancelCommand(
                request.when(), request.reason(), request.comment())));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/cancel/undo")
  ResponseEntity<JsonNode> undoCancel(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.full);
    return answer(subscriptions.undoCancel(accountId, id, key(key)));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/pause")
  ResponseEntity<JsonNode> pause(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return answer(subscriptions.pause(accountId, id, key(key)));
  }

  @PostMapping("/accounts/{accountId}/subscriptions/{id}/resume")
  ResponseEntity<JsonNode> resume(
      @PathVariable UUID accountId,
      @PathVariable UUID id,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return answer(subscriptions.resume(accountId, id, key(key)));
  }

  private static SubscriptionService.ChangeCommand command(ChangeRequest r) {
    return new SubscriptionService.ChangeCommand(r.planCode(), r.quantity(), r.when());
  }

  private static String key(String key) {
    if (key == null || key.isBlank() || key.length() > 100 || !key.matches("[A-Za-z0-9_.:-]+")) {
      throw new InvalidInputException(
          "Idempotency-Key",
          "Send an Idempotency-Key header (1 to 100 letters, digits, '-', '_', '.', ':') so a retry never changes twice.");
    }
    return key;
  }

  private static ResponseEntity<JsonNode> answer(IdempotentRequests.Answer answer) {
    return ResponseEntity.status(answer.status())
        .header("Idempotent-Replayed", Boolean.toString(answer.replayed()))
        .body(answer.body());
  }
}
