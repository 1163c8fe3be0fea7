package io.peakhub.subscription.subscription;

import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.problem.InvalidInputException;
import io.peakhub.platform.problem.NotFoundException;
import io.peakhub.subscription.account.InactiveAccounts;
import io.peakhub.subscription.catalog.AddOn;
import io.peakhub.subscription.catalog.Catalog;
import io.peakhub.subscription.catalog.Plan;
import io.peakhub.subscription.subscription.Proration.AddOnQuantity;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionCancelled;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionChanged;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionCreated;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionPaused;
import io.peakhub.subscription.subscription.SubscriptionEvents.SubscriptionResumed;
import io.peakhub.subscription.subscription.SubscriptionRepository.AddOnLine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lifecycle of a subscription: create, change plan or quantity (now, prorated, or at term end),
 * cancel (now or at term end) and undo, pause and resume. Every change runs behind an
 * Idempotency-Key, is refused while billing has the account inactive, and is announced with the
 * same numbers it answers.
 */
@Service
class SubscriptionService {

  static final Set<String> REASONS =
      Set.of(
          "too_expensive",
          "missing_features",
          "switched_service",
          "not_using",
          "technical_issues",
          "other");

  record AddOnRequest(String code, int quantity) {}

  record CreateCommand(
      String planCode, int quantity, List<AddOnRequest> addOns, boolean autoRenew) {}

  record ChangeCommand(String planCode, Integer quantity, String when) {}

  record CancelCommand(String when, String reason, String comment) {}

  record Created(SubscriptionView subscription, List<ChargeLine> lines, BigDecimal amountDueNow) {}

  record Changed(SubscriptionView subscription, Quote quote) {}

  record Cancelled(
      SubscriptionView subscription, List<ChargeLine> lines, BigDecimal amountDueNow) {}

  record Resumed(SubscriptionView subscription, List<ChargeLine> lines, BigDecimal amountDueNow) {}

  private final SubscriptionRepository repository;
  private final Catalog catalog;
  private final InactiveAccounts accounts;
  private final SubscriptionEvents events;
  private final IdempotentRequests idempotency;
  private final Clock clock;

  SubscriptionService(
      SubscriptionRepository repository,
      Catalog catalog,
      InactiveAccounts accounts,
      SubscriptionEvents events,
      IdempotentRequests idempotency,
      Clock clock) {
    this.repository = repository;
    this.catalog = catalog;
    this.accounts = accounts;
    this.events = events;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  List<SubscriptionView> list(UUID accountId) {
    return repository.list(accountId).stream().map(this::view).toList();
  }

  SubscriptionView get(UUID accountId, UUID id) {
    return view(
        repository
            .find(accountId, id)
            .orElseThrow(() -> new NotFoundException("Subscription", id)));
  }

  @Transactional
  public IdempotentRequests.Answer create(UUID accountId, String key, CreateCommand command) {
    return idempotency.run(
        accountId,
        key,
        "create",
        command,
        201,
        () -> {
          accounts.requireActive(accountId);
          Plan plan = plan(command.planCode());
          requireAccountCurrency(accountId, plan);
          List<AddOnLine> addOns = addOns(plan, command.addOns());
          LocalDate today = today();
          Subscription s;
          if (plan.trialDays() > 0) {
            LocalDate trialEnd = today.plusDays(plan.trialDays());
            s =
                new Subscription(
                    UUID.randomUUID(),
                    accountId,
                    repository.nextNumber(),
                    plan.id(),
                    command.quantity(),
                    "trial",
                    today,
                    plan.currency(),
                    trialEnd,
                    0,
                    today,
                    trialEnd,
                    command.autoRenew(),
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null);
          } else {
            s =
                new Subscription(
                    UUID.randomUUID(),
                    accountId,
                    repository.nextNumber(),
                    plan.id(),
                    command.quantity(),
                    "active",
                    today,
                    plan.currency(),
                    today,
                    1,
                    today,
                    Subscription.termEnd(today, plan.billingPeriod(), 1),
                    command.autoRenew(),
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null);
          }
          repository.insert(s, addOns, clock.instant(), Actor.current(), "create");
          List<ChargeLine> lines =
              s.trial()
                  ? List.of()
                  : Proration.renewalLines(
                      plan,
                      s.quantity(),
                      addOnQuantities(addOns),
                      s.termStart(),
                      s.termEnd(),
                      "charge");
          SubscriptionView view = view(s);
          Created created = new Created(view, lines, Proration.sum(lines, plan.currency()));
          events.publish(view, new SubscriptionCreated(view, lines, created.amountDueNow()));
          return created;
        });
  }

  @Transactional
  public IdempotentRequests.Answer preview(
      UUID accountId, UUID id, String key, ChangeCommand command) {
    return idempotency.run(
        accountId, key, "preview:" + id, command, 200, () -> quote(load(accountId, id), command));
  }

  @Transactional
  public IdempotentRequests.Answer change(
      UUID accountId, UUID id, String key, ChangeCommand command) {
    return idempotency.run(
        accountId,
        key,
        "change:" + id,
        command,
        200,
        () -> {
          Subscription s = load(accountId, id);
          Quote quote = quote(s, command);
          Plan oldPlan = plan(s.planId());
          Plan newPlan = command.planCode() == null ? oldPlan : plan(command.planCode());
          int newQty = command.quantity() == null ? s.quantity() : command.quantity();
          Subscription updated;
          if (quote.when().equals("now")) {
            updated = s.withPlan(newPlan.id(), newQty).withScheduledChange(null, null);
            if (!s.trial() && newPlan.billingPeriod() != oldPlan.billingPeriod()) {
              updated = updated.withTerm(today(), 1, today(), quote.nextRenewalDate());
            }
          } else {
            updated = s.withScheduledChange(newPlan.id(), newQty);
          }
          repository.update(updated, clock.instant(), Actor.current(), "change");
          SubscriptionView view = view(updated);
          events.publish(
              view,
              new SubscriptionChanged(
                  view,
                  oldPlan.code(),
                  s.quantity(),
                  newPlan.code(),
                  newQty,
                  quote.when(),
                  quote.effectiveDate(),
                  quote.lines(),
                  quote.amountDueNow(),
                  quote.amountAtNextRenewal()));
          return new Changed(view, quote);
        });
  }

  @Transactional
  public IdempotentRequests.Answer cancel(
      UUID accountId, UUID id, String key, CancelCommand command) {
    return idempotency.run(
        accountId,
        key,
        "cancel:" + id,
        command,
        200,
        () -> {
          Subscription s = load(accountId, id);
          if (s.ended()) {
            throw new ConflictException(
                "subscription-ended",
                "Subscription " + s.number() + " is " + s.status() + " already.");
          }
          if (!REASONS.contains(command.reason())) {
            throw new InvalidInputException(
                "reason", "'reason' must be one of " + REASONS.stream().sorted().toList() + ".");
          }
          Plan plan = plan(s.planId());
          LocalDate today = today();
          List<ChargeLine> lines;
          Subscription updated;
          if (command.when().equals("now")) {
            lines = s.status().equals("paused") ? List.of() : Proration.cancelNow(s, plan, today);
            updated =
                s.withCancellation(false, today, command.reason(), command.comment())
                    .withStatus("cancelled")
                    .withScheduledChange(null, null);
          } else {
            if (s.status().equals("paused")) {
              throw new ConflictException(
                  "subscription-paused",
                  "Subscription "
                      + s.number()
                      + " is paused and has no running term: cancel it now instead.");
            }
            if (s.cancelAtTermEnd()) {
              throw new ConflictException(
                  "cancellation-scheduled",
                  "Subscription " + s.number() + " is already set to end on " + s.termEnd() + ".");
            }
            lines = List.of();
            updated = s.withCancellation(true, s.termEnd(), command.reason(), command.comment());
          }
          repository.update(updated, clock.instant(), Actor.current(), "cancel");
          SubscriptionView view = view(updated);
          Cancelled cancelled = new Cancelled(view, lines, Proration.sum(lines, plan.currency()));
          events.publish(
              view,
              new SubscriptionCancelled(
                  view,
                  command.when(),
                  updated.cancellationDate(),
                  command.reason(),
                  command.comment(),
                  lines,
                  cancelled.amountDueNow()));
          return cancelled;
        });
  }

  @Transactional
  public IdempotentRequests.Answer undoCancel(UUID accountId, UUID id, String key) {
    return idempotency.run(
        accountId,
        key,
        "undo-cancel:" + id,
        "",
        200,
        () -> {
          Subscription s = load(accountId, id);
          if (s.ended() || !s.cancelAtTermEnd()) {
            throw new ConflictException(
                "no-scheduled-cancellation",
                "Subscription " + s.number() + " has no scheduled cancellation to undo.");
          }
          Subscription updated = s.withCancellation(false, null, null, null);
          repository.update(updated, clock.instant(), Actor.current(), "undo-cancel");
          SubscriptionView view = view(updated);
          events.publish(view, new SubscriptionEvents.SubscriptionCancellationUndone(view));
          return view;
        });
  }

  @Transactional
  public IdempotentRequests.Answer pause(UUID accountId, UUID id, String key) {
    return idempotency.run(
        accountId,
        key,
        "pause:" + id,
        "",
        200,
        () -> {
          Subscription s = load(accountId, id).requireRunning("paused");
          if (!s.status().equals("active")) {
            throw new ConflictException(
                "subscription-not-active",
                "Subscription "
                    + s.number()
                    + " is "
                    + s.status()
                    + ": only an active subscription can be paused.");
          }
          Subscription updated = s.withStatus("paused").withPausedOn(today());
          repository.update(updated, clock.instant(), Actor.current(), "pause");
          SubscriptionView view = view(updated);
          events.publish(view, new SubscriptionPaused(view, today()));
          return view;
        });
  }

  @Transactional
  public IdempotentRequests.Answer resume(UUID accountId, UUID id, String key) {
    return idempotency.run(
        accountId,
        key,
        "resume:" + id,
        "",
        200,
        () -> {
          Subscription s = load(accountId, id);
          if (!s.status().equals("paused")) {
            throw new ConflictException(
                "subscription-not-paused",
                "Subscription "
                    + s.number()
                    + " is "
                    + s.status()
                    + ": only a paused subscription can be resumed.");
          }
          LocalDate today = today();
          Plan plan = plan(s.planId());
          Subscription updated = s.withStatus("active").withPausedOn(null);
          List<ChargeLine> lines = List.of();
          boolean newTerm = !today.isBefore(s.termEnd());
          if (newTerm) {
            // the paused term is over: a new one starts today, anchored on today
            updated =
                updated.withTerm(
                    today, 1, today, Subscription.termEnd(today, plan.billingPeriod(), 1));
            lines =
                Proration.renewalLines(
                    plan,
                    s.quantity(),
                    addOnQuantities(repository.addOns(s.id())),
                    updated.termStart(),
                    updated.termEnd(),
                    "charge");
          }
          repository.update(updated, clock.instant(), Actor.current(), "resume");
          SubscriptionView view = view(updated);
          BigDecimal due = Proration.sum(lines, plan.currency());
          events.publish(view, new SubscriptionResumed(view, today, newTerm, lines, due));
          return new Resumed(view, lines, due);
        });
  }

  /**
   * The account must be visible (checked by the controller), the subscription its own, the account
   * active.
   */
  private Subscription load(UUID accountId, UUID id) {
    Subscription s =
        repository.lock(accountId, id).orElseThrow(() -> new NotFoundException("Subscription", id));
    accounts.requireActive(accountId);
    return s;
  }

  private Quote quote(Subscription s, ChangeCommand command) {
    s.requireRunning("changed");
    if (s.cancelAtTermEnd()) {
      throw new ConflictException(
          "cancellation-scheduled",
          "Subscription "
              + s.number()
              + " ends on "
              + s.termEnd()
              + ": undo the cancellation before changing it.");
    }
    if (command.planCode() == null && command.quantity() == null) {
      throw new InvalidInputException("planCode", "Send a planCode, a quantity or both.");
    }
    Plan oldPlan = plan(s.planId());
    Plan newPlan = command.planCode() == null ? oldPlan : plan(command.planCode());
    int newQty = command.quantity() == null ? s.quantity() : command.quantity();
    if (!newPlan.currency().equals(s.currency())) {
      throw new InvalidInputException(
          "planCode",
          "Subscription "
              + s.number()
              + " is billed in "
              + s.currency()
              + "; plan "
              + newPlan.code()
              + " is priced in "
              + newPlan.currency()
              + ".");
    }
    if (newPlan.id().equals(oldPlan.id()) && newQty == s.quantity()) {
      throw new InvalidInputException(
          "planCode", "This is the subscription's current plan and quantity: nothing to change.");
    }
    return Proration.change(
        s,
        oldPlan,
        s.quantity(),
        newPlan,
        newQty,
        command.when().equals("now"),
        addOnQuantities(repository.addOns(s.id())),
        today());
  }

  private void requireAccountCurrency(UUID accountId, Plan plan) {
    repository
        .runningCurrency(accountId)
        .filter(c -> !c.equals(plan.currency()))
        .ifPresent(
            c -> {
              throw new InvalidInputException(
                  "planCode",
                  "This account's subscriptions are billed in "
                      + c
                      + "; plan "
                      + plan.code()
                      + " is priced in "
                      + plan.currency()
                      + ".");
            });
  }

  private List<AddOnLine> addOns(Plan plan, List<AddOnRequest> requested) {
    List<AddOnLine> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AddOnRequest r : requested == null ? List.<AddOnRequest>of() : requested) {
      AddOn addOn =
          catalog
              .addOn(r.code())
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "addOns", "There is no add-on with code " + r.code() + "."));
      if (!addOn.currency().equals(plan.currency())
          || !addOn.productCode().equals(plan.productCode())) {
        throw new InvalidInputException(
            "addOns",
            "Add-on "
                + r.code()
                + " does not go with plan "
                + plan.code()
                + " ("
                + plan.productCode()
                + ", "
                + plan.currency()
                + ").");
      }
      if (!seen.add(r.code())) {
        throw new InvalidInputException("addOns", "Add-on " + r.code() + " is listed twice.");
      }
      lines.add(new AddOnLine(addOn.id(), r.quantity()));
    }
    return lines;
  }

  List<AddOnQuantity> addOnQuantities(List<AddOnLine> lines) {
    return lines.stream()
        .map(l -> new AddOnQuantity(catalog.addOn(l.addOnId()).orElseThrow(), l.quantity()))
        .toList();
  }

  private Plan plan(String code) {
    return catalog
        .plan(code)
        .orElseThrow(
            () ->
                new InvalidInputException("planCode", "There is no plan with code " + code + "."));
  }

  Plan plan(UUID id) {
    return catalog.plan(id).orElseThrow();
  }

  SubscriptionView view(Subscription s) {
    Plan plan = plan(s.planId());
    List<AddOnQuantity> addOns = addOnQuantities(repository.addOns(s.id()));
    boolean renews =
        (s.status().equals("active") || s.trial()) && !s.cancelAtTermEnd() && s.autoRenew();
    SubscriptionView.ScheduledChange scheduled =
        s.scheduledPlanId() == null
            ? null
            : new SubscriptionView.ScheduledChange(
                plan(s.scheduledPlanId()).code(),
                plan(s.scheduledPlanId()).name(),
                s.scheduledQuantity(),
                s.termEnd());
    return new SubscriptionView(
        s.id(),
        s.accountId(),
        s.number(),
        plan.productCode(),
        plan.code(),
        plan.name(),
        plan.billingPeriod(),
        plan.currency(),
        plan.unitPrice(),
        s.quantity(),
        addOns.stream()
            .map(
                a ->
                    new SubscriptionView.AddOnView(
                        a.addOn().code(),
                        a.addOn().name(),
                        a.quantity(),
                        a.addOn().unitPrice(),
                        a.addOn().billingPeriod()))
            .toList(),
        s.status(),
        s.startDate(),
        s.termStart(),
        s.termEnd().minusDays(1),
        renews ? s.termEnd() : null,
        s.autoRenew(),
        s.pausedOn(),
        s.cancelAtTermEnd(),
        s.cancellationDate(),
        s.cancellationReason(),
        s.cancellationComment(),
        scheduled,
        s.status().equals("active")
            ? Proration.monthly(plan, s.quantity(), addOns)
            : io.peakhub.platform.money.Money.atScale(BigDecimal.ZERO, plan.currency()));
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
