package io.peakhub.bff.subscription;

import io.peakhub.bff.downstream.DownstreamSettings;
import io.peakhub.bff.downstream.SubscriptionClient;
import io.peakhub.bff.downstream.SubscriptionViews.CancelRequest;
import io.peakhub.bff.downstream.SubscriptionViews.ChangeRequest;
import io.peakhub.bff.downstream.SubscriptionViews.Changed;
import io.peakhub.bff.downstream.SubscriptionViews.Plan;
import io.peakhub.bff.downstream.SubscriptionViews.Quote;
import io.peakhub.bff.downstream.SubscriptionViews.Settled;
import io.peakhub.bff.downstream.SubscriptionViews.Subscription;
import io.peakhub.bff.screen.Section;
import io.peakhub.bff.summary.AccountSummaries;
import io.peakhub.bff.summary.SummaryRepository.SubscriptionTotals;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.problem.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * My Subscriptions (issue 10.7): the list screen and one subscription's screen, one call each, and
 * the changes passed to subscription-service with the user's token and Idempotency-Key. The
 * profile's my_subscriptions level decides, as subscription-service does: view reads, create adds,
 * edit changes plan or quantity, pauses and resumes, full cancels and undoes a cancellation. An
 * account billing has set inactive allows none of the changes (subscription-service refuses them
 * too).
 */
@RestController
class MySubscriptionsController {

  /** Running first, then the ones that ended; the service's order within a status is kept. */
  static final List<String> STATUS_ORDER =
      List.of("active", "trial", "paused", "cancelled", "expired");

  /** The reasons subscription-service takes, in the order a person picks from. */
  static final List<String> CANCELLATION_REASONS =
      List.of(
          "too_expensive",
          "missing_features",
          "switched_service",
          "not_using",
          "technical_issues",
          "other");

  static final int MAX_QUANTITY = 10_000;

  /** What the profile allows here (and the account: an inactive one allows no change). */
  record Permissions(boolean add, boolean change, boolean pauseResume, boolean cancel) {

    static Permissions of(Grant grant, boolean accountActive) {
      return new Permissions(
          accountActive && grant.allows(Level.create),
          accountActive && grant.allows(Level.edit),
          accountActive && grant.allows(Level.edit),
          accountActive && grant.allows(Level.full));
    }
  }

  record MySubscriptionsView(
      Section<List<Subscription>> subscriptions,
      Section<SubscriptionTotals> totals,
      boolean accountActive,
      Permissions permissions) {}

  record SubscriptionScreen(
      Subscription subscription,
      Section<List<Plan>> plans,
      List<String> cancellationReasons,
      boolean accountActive,
      Permissions permissions) {}

  record ChangeBody(
      @Size(min = 1, max = 80) String planCode,
      @Min(1) @Max(MAX_QUANTITY) Integer quantity,
      @NotNull @Pattern(regexp = "now|term_end") String when) {}

  record CancelBody(
      @NotNull @Pattern(regexp = "now|term_end") String when,
      @NotNull
          @Pattern(
              regexp =
                  "too_expensive|missing_features|switched_service|not_using|technical_issues|other")
          String reason,
      @Size(max = 1000) String comment) {}

  private final AccountAccess access;
  private final SubscriptionClient subscriptions;
  private final AccountSummaries summaries;
  private final ExecutorService executor;
  private final Duration limit;

  MySubscriptionsController(
      AccountAccess access,
      SubscriptionClient subscriptions,
      AccountSummaries summaries,
      @Qualifier("downstreamExecutor") ExecutorService executor,
      DownstreamSettings settings) {
    this.access = access;
    this.subscriptions = subscriptions;
    this.summaries = summaries;
    this.executor = executor;
    this.limit = settings.timeout().plusSeconds(1);
  }

  @GetMapping("/api/accounts/{accountId}/subscriptions")
  MySubscriptionsView list(@PathVariable UUID accountId) {
    Grant grant = access.require(accountId.toString(), Area.my_subscriptions, Level.view);
    var list = async(() -> runningFirst(subscriptions.list(accountId)));
    var totals = async(() -> summaries.subscriptionTotals(accountId));
    boolean active = accountActive(accountId);
    return new MySubscriptionsView(
        Section.of("subscriptions", list, limit),
        Section.of("totals", totals, limit),
        active,
        Permissions.of(grant, active));
  }

  /**
   * The subscription is the screen (a 404 or 503 when it cannot be had); the plans to change to are
   * a section.
   */
  @GetMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}")
  SubscriptionScreen detail(@PathVariable UUID accountId, @PathVariable UUID subscriptionId) {
    Grant grant = access.require(accountId.toString(), Area.my_subscriptions, Level.view);
    Subscription subscription = subscriptions.get(accountId, subscriptionId);
    var plans = async(() -> subscriptions.plans(subscription.currency()));
    boolean active = accountActive(accountId);
    return new SubscriptionScreen(
        subscription,
        Section.of("plans", plans, limit),
        CANCELLATION_REASONS,
        active,
        Permissions.of(grant, active));
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/changes/preview")
  ResponseEntity<Quote> preview(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody ChangeBody body) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return relay(
        subscriptions.preview(accountId, subscriptionId, key(key), change(body)),
        Function.identity());
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/changes")
  ResponseEntity<Changed> change(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody ChangeBody body) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return relay(
        subscriptions.change(accountId, subscriptionId, key(key), change(body)),
        Function.identity());
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/cancel")
  ResponseEntity<Settled> cancel(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @Valid @RequestBody CancelBody body) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.full);
    String comment =
        body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
    return relay(
        subscriptions.cancel(
            accountId,
            subscriptionId,
            key(key),
            new CancelRequest(body.when(), body.reason(), comment)),
        Function.identity());
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/cancel/undo")
  ResponseEntity<Settled> undoCancel(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.full);
    return relay(
        subscriptions.undoCancel(accountId, subscriptionId, key(key)),
        MySubscriptionsController::settled);
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/pause")
  ResponseEntity<Settled> pause(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return relay(
        subscriptions.pause(accountId, subscriptionId, key(key)),
        MySubscriptionsController::settled);
  }

  @PostMapping("/api/accounts/{accountId}/subscriptions/{subscriptionId}/resume")
  ResponseEntity<Settled> resume(
      @PathVariable UUID accountId,
      @PathVariable UUID subscriptionId,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.edit);
    return relay(subscriptions.resume(accountId, subscriptionId, key(key)), Function.identity());
  }

  static List<Subscription> runningFirst(List<Subscription> list) {
    List<Subscription> sorted = new ArrayList<>(list);
    sorted.sort(
        Comparator.comparingInt(
            s -> {
              int i = STATUS_ORDER.indexOf(s.status());
              return i < 0 ? STATUS_ORDER.size() : i;
            }));
    return sorted;
  }

  /**
   * pause and undo answer the subscription alone: the same shape as cancel and resume, nothing
   * charged.
   */
  private static Settled settled(Subscription s) {
    return new Settled(s, List.of(), null);
  }

  private static ChangeRequest change(ChangeBody body) {
    if (body.planCode() == null && body.quantity() == null) {
      throw new InvalidInputException(
          "quantity", "Give a new plan (planCode) or a new quantity, or both.");
    }
    return new ChangeRequest(body.planCode(), body.quantity(), body.when());
  }

  private static String key(String key) {
    if (key == null || key.isBlank() || key.length() > 100 || !key.matches("[A-Za-z0-9_.:-]+")) {
      throw new InvalidInputException(
          "Idempotency-Key",
          "Send an Idempotency-Key header (1 to 100 letters, digits, '-', '_', '.', ':') so a retry never changes twice.");
    }
    return key;
  }

  /** The service's status and Idempotent-Replayed pass on; the body in the BFF's shape. */
  private static <T, R> ResponseEntity<R> relay(ResponseEntity<T> answer, Function<T, R> shape) {
    var builder = ResponseEntity.status(answer.getStatusCode());
    String replayed = answer.getHeaders().getFirst("Idempotent-Replayed");
    if (replayed != null) {
      builder.header("Idempotent-Replayed", replayed);
    }
    return builder.body(answer.getBody() == null ? null : shape.apply(answer.getBody()));
  }

  /** From the read model (billing's status); an account it does not hold yet is taken as active. */
  private boolean accountActive(UUID accountId) {
    return summaries.stored(accountId).map(s -> !"inactive".equals(s.status())).orElse(true);
  }

  private <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, executor);
  }
}
