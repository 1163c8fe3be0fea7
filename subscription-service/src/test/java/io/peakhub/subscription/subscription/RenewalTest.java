package io.peakhub.subscription.subscription;

import static io.peakhub.subscription.SubscriptionMother.BASIC;
import static io.peakhub.subscription.SubscriptionMother.PLUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.subscription.SubscriptionMother;
import io.peakhub.subscription.SubscriptionMother.User;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Time travel with the test clock: renewals, expiry, scheduled changes and cancellations, two
 * schedulers.
 */
@ServiceTest
class RenewalTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired Renewals renewals;
  @Autowired SubscriptionRepository repository;
  @Autowired SubscriptionService service;
  @Autowired SubscriptionEvents events;
  @Autowired PlatformTransactionManager txManager;
  SubscriptionMother mother;
  UUID account = UUID.randomUUID();
  User alice;

  @BeforeEach
  void setUp() {
    mother = new SubscriptionMother(mvc, jdbc, json);
    alice = SubscriptionMother.user(Level.full, account);
  }

  private void travelTo(LocalDate date) {
    TestClock.CLOCK.set(date);
    renewals.runDue();
  }

  @Test
  void aSubscriptionStartedOnThe31stRenewsEachMonthAndCatchesUpMissedTerms() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 1, 31));
    UUID id = mother.create(alice, account, BASIC, 2, true);
    travelTo(LocalDate.of(2026, 2, 27));
    assertThat(mother.types(account)).containsExactly("SubscriptionCreated.v1");
    travelTo(LocalDate.of(2026, 2, 28));
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.currentTermStart").value("2026-02-28"))
        .andExpect(jsonPath("$.nextRenewalDate").value("2026-03-31"));
    travelTo(LocalDate.of(2026, 5, 1));
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.status").value("active"))
        .andExpect(jsonPath("$.currentTermStart").value("2026-04-30"))
        .andExpect(jsonPath("$.nextRenewalDate").value("2026-05-31"));
    assertThat(mother.types(account))
        .containsExactly(
            "SubscriptionCreated.v1",
            "SubscriptionRenewed.v1",
            "SubscriptionRenewed.v1",
            "SubscriptionRenewed.v1");
    JsonNode renewed = mother.events(account).get(1).body();
    assertThat(renewed.get("termStart").asString()).isEqualTo("2026-02-28");
    assertThat(renewed.get("termEnd").asString()).isEqualTo("2026-03-31");
    assertThat(renewed.get("lines").get(0).get("amount").decimalValue())
        .isEqualByComparingTo("20.00");
    assertThat(renewed.get("subscription").get("number").asString()).startsWith("SUB-");
    travelTo(LocalDate.of(2026, 5, 1));
    assertThat(mother.types(account)).hasSize(4);
  }

  @Test
  void withoutAutoRenewASubscriptionExpiresAtTermEnd() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 1));
    UUID id = mother.create(alice, account, BASIC, 1, false);
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.nextRenewalDate").doesNotExist());
    travelTo(LocalDate.of(2026, 7, 1));
    mother.get(alice, mother.path(account, id)).andExpect(jsonPath("$.status").value("expired"));
    assertThat(mother.types(account))
        .containsExactly("SubscriptionCreated.v1", "SubscriptionExpired.v1");
    mother
        .post(alice, mother.path(account, id) + "/resume", "e-1", null)
        .andExpect(status().isConflict());
  }

  @Test
  void aScheduledCancellationEndsTheSubscriptionAtTermEndAndAScheduledChangeAppliesAtRenewal()
      throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 1));
    UUID cancelled = mother.create(alice, account, BASIC, 1, true);
    UUID changed = mother.create(alice, account, BASIC, 1, true);
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 10));
    mother
        .post(
            alice,
            mother.path(account, cancelled) + "/cancel",
            "s-1",
            "{\"when\":\"term_end\",\"reason\":\"not_using\"}")
        .andExpect(status().isOk());
    mother
        .post(
            alice,
            mother.path(account, changed) + "/changes",
            "s-2",
            "{\"planCode\":\"" + PLUS + "\",\"quantity\":3,\"when\":\"term_end\"}")
        .andExpect(status().isOk());
    travelTo(LocalDate.of(2026, 7, 1));
    mother
        .get(alice, mother.path(account, cancelled))
        .andExpect(jsonPath("$.status").value("cancelled"))
        .andExpect(jsonPath("$.cancellationDate").value("2026-07-01"))
        .andExpect(jsonPath("$.cancellationReason").value("not_using"));
    mother
        .get(alice, mother.path(account, changed))
        .andExpect(jsonPath("$.status").value("active"))
        .andExpect(jsonPath("$.planCode").value(PLUS))
        .andExpect(jsonPath("$.quantity").value(3))
        .andExpect(jsonPath("$.scheduledChange").doesNotExist())
        .andExpect(jsonPath("$.monthlyRecurringRevenue").value(90.0));
    var renewed =
        mother.events(account).stream()
            .filter(e -> e.type().equals("SubscriptionRenewed.v1"))
            .toList();
    assertThat(renewed).hasSize(1);
    assertThat(renewed.get(0).body().get("lines").get(0).get("amount").decimalValue())
        .isEqualByComparingTo("90.00");
    assertThat(mother.types(account))
        .endsWith("SubscriptionCancelled.v1", "SubscriptionRenewed.v1");
  }

  @Test
  void aTrialConvertsToItsFirstPaidTermWhenItEnds() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2026, 6, 1));
    UUID id = mother.create(alice, account, "analytics-standard-usd-monthly", 1, true);
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.status").value("trial"))
        .andExpect(jsonPath("$.nextRenewalDate").value("2026-06-15"))
        .andExpect(jsonPath("$.monthlyRecurringRevenue").value(0.0));
    travelTo(LocalDate.of(2026, 6, 15));
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.status").value("active"))
        .andExpect(jsonPath("$.currentTermStart").value("2026-06-15"))
        .andExpect(jsonPath("$.nextRenewalDate").value("2026-07-15"));
    assertThat(mother.types(account))
        .containsExactly("SubscriptionCreated.v1", "SubscriptionRenewed.v1");
  }

  @Test
  void twoSchedulersAtOnceRenewEachSubscriptionExactlyOnce() throws Exception {
    TestClock.CLOCK.set(LocalDate.of(2027, 1, 10));
    List<UUID> accounts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      UUID a = UUID.randomUUID();
      User owner = SubscriptionMother.user(Level.full, a);
      mother.create(owner, a, BASIC, 1, true);
      accounts.add(a);
    }
    TestClock.CLOCK.set(LocalDate.of(2027, 2, 10));
    Renewals other = new Renewals(repository, service, events, txManager, TestClock.CLOCK);
    CountDownLatch start = new CountDownLatch(1);
    try (var pool = Executors.newFixedThreadPool(2)) {
      var first = CompletableFuture.supplyAsync(() -> await(start, renewals), pool);
      var second = CompletableFuture.supplyAsync(() -> await(start, other), pool);
      start.countDown();
      assertThat(first.get() + second.get()).isGreaterThanOrEqualTo(20);
    }
    for (UUID a : accounts) {
      assertThat(mother.types(a))
          .containsExactly("SubscriptionCreated.v1", "SubscriptionRenewed.v1");
    }
    assertThat(
            jdbc.sql(
                    """
            SELECT count(*) FROM subscription_renewal r JOIN subscription s ON s.id = r.subscription_id
            WHERE s.account_id IN (:a)""")
                .param("a", accounts)
                .query(Integer.class)
                .single())
        .isEqualTo(20);
  }

  private static int await(CountDownLatch start, Renewals renewals) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return renewals.runDue();
  }
}
