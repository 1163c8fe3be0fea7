package io.peakhub.subscription.subscription;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.outbox.Outbox;
import io.peakhub.platform.problem.ConflictException;
import io.peakhub.platform.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** My Subscriptions (read) and the internal admin API that records a subscription. */
@RestController
class SubscriptionController {

  static final String TOPIC = "subscription.subscription";

  record PutSubscription(@NotBlank @Size(max = 200) String planName, @NotNull @Min(1) @Max(100000) Integer quantity,
      @NotBlank @Pattern(regexp = "active|paused|cancelled") String status, @NotNull LocalDate startDate) {}

  private final JdbcClient jdbc;
  private final AccountAccess access;
  private final Outbox outbox;
  private final Clock clock;

  SubscriptionController(JdbcClient jdbc, AccountAccess access, Outbox outbox, Clock clock) {
    this.jdbc = jdbc;
    this.access = access;
    this.outbox = outbox;
    this.clock = clock;
  }

  @GetMapping("/accounts/{accountId}/subscriptions")
  List<SubscriptionView> list(@PathVariable UUID accountId) {
    access.require(accountId.toString(), Area.my_subscriptions, Level.view);
    return jdbc.sql("""
            SELECT id, account_id, number, plan_name, quantity, status, start_date FROM subscription
            WHERE account_id = :a ORDER BY number""")
        .param("a", accountId).query(SubscriptionView.class).list();
  }

  @PutMapping("/admin/accounts/{accountId}/subscriptions/{number}")
  @PreAuthorize("hasRole('admin')")
  @Transactional
  public SubscriptionView put(@PathVariable UUID accountId, @PathVariable @Pattern(regexp = "SUB-[0-9]{6}") String number,
      @Valid @RequestBody PutSubscription request) {
    var owner = jdbc.sql("SELECT account_id FROM subscription WHERE number = :n").param("n", number)
        .query(UUID.class).optional();
    if (owner.isPresent() && !owner.get().equals(accountId)) {
      throw new ConflictException("duplicate-subscription-number", "Subscription " + number + " belongs to another account.");
    }
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.sql("""
            INSERT INTO subscription (id, account_id, number, plan_name, quantity, status, start_date, created_at, updated_at, updated_by)
            VALUES (:id, :a, :n, :plan, :q, :status, :start, :now, :now, :by)
            ON CONFLICT (number) DO UPDATE SET plan_name = :plan, quantity = :q, status = :status, start_date = :start,
                updated_at = :now, updated_by = :by""")
        .param("id", UUID.randomUUID()).param("a", accountId).param("n", number).param("plan", request.planName())
        .param("q", request.quantity()).param("status", request.status()).param("start", request.startDate())
        .param("now", now).param("by", CurrentUser.get().username()).update();
    SubscriptionView view = jdbc.sql("""
            SELECT id, account_id, number, plan_name, quantity, status, start_date FROM subscription WHERE number = :n""")
        .param("n", number).query(SubscriptionView.class).single();
    outbox.append(TOPIC, accountId.toString(), "SubscriptionUpdated.v1", view);
    return view;
  }
}
