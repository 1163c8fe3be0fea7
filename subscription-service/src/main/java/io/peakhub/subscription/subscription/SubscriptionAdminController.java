package io.peakhub.subscription.subscription;

import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.subscription.catalog.Catalog;
import io.peakhub.subscription.catalog.Plan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal admin API that records a subscription by number (the devstack's demo seeder uses
 * it): the plan is named (planName, or planCode), the current term is the one of startDate's anchor
 * that contains today.
 */
@RestController
class SubscriptionAdminController {

  record PutSubscription(
      @NotBlank @Size(max = 200) String planName,
      @Size(max = 80) String planCode,
      @NotNull @Min(1) @Max(SubscriptionController.MAX_QUANTITY) Integer quantity,
      @NotBlank @Pattern(regexp = "trial|active|paused|cancelled|expired") String status,
      @NotNull LocalDate startDate) {}

  private final SubscriptionRepository repository;
  private final SubscriptionService subscriptions;
  private final SubscriptionEvents events;
  private final Catalog catalog;
  private final Clock clock;

  SubscriptionAdminController(
      SubscriptionRepository repository,
      SubscriptionService subscriptions,
      SubscriptionEvents events,
      Catalog catalog,
      Clock clock) {
    this.repository = repository;
    this.subscriptions = subscriptions;
    this.events = events;
    this.catalog = catalog;
    this.clock = clock;
  }

  @PutMapping("/admin/accounts/{accountId}/subscriptions/{number}")
  @PreAuthorize("hasRole('admin')")
  @Transactional
  public SubscriptionView put(
      @PathVariable UUID accountId,
      @PathVariable @Pattern(regexp = "SUB-[0-9]{6}") String number,
      @Valid @RequestBody PutSubscription request) {
    Plan plan =
        (request.planCode() != null
                ? catalog.plan(request.planCode())
                : catalog.planNamed(request.planName()))
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        request.planCode() != null ? "planCode" : "planName",
                        "There is no plan "
                            + (request.planCode() != null
                                ? request.planCode()
                                : "named " + request.planName())
                            + "."));
    var existing = repository.byNumber(number);
    if (existing.isPresent() && !existing.get().accountId().equals(accountId)) {
      throw new ConflictException(
          "duplicate-subscription-number",
          "Subscription " + number + " belongs to another account.");
    }
    LocalDate today = LocalDate.now(clock);
    LocalDate start = request.startDate();
    int n = 1;
    while (!Subscription.termEnd(start, plan.billingPeriod(), n).isAfter(today)) {
      n++;
    }
    boolean ended = request.status().equals("cancelled") || request.status().equals("expired");
    Subscription s =
        new Subscription(
            existing.map(Subscription::id).orElseGet(UUID::randomUUID),
            accountId,
            number,
            plan.id(),
            request.quantity(),
            request.status(),
            start,
            plan.currency(),
            start,
            n,
            Subscription.termEnd(start, plan.billingPeriod(), n - 1),
            Subscription.termEnd(start, plan.billingPeriod(), n),
            true,
            request.status().equals("paused") ? today : null,
            false,
            ended ? today : null,
            ended ? "other" : null,
            null,
            null,
            null);
    if (existing.isPresent()) {
      repository.update(s, clock.instant(), Actor.current(), "record");
    } else {
      repository.insert(s, List.of(), clock.instant(), Actor.current(), "record");
    }
    SubscriptionView view = subscriptions.view(s);
    events.publishUpdateOnly(view);
    return view;
  }
}
