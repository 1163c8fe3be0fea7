package io.peakhub.subscription;

import static io.peakhub.subscription.SubscriptionMother.BASIC;
import static io.peakhub.subscription.SubscriptionMother.PLUS;
import static io.peakhub.subscription.SubscriptionMother.PLUS_EUR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.subscription.SubscriptionMother.User;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ServiceTest
class SubscriptionLifecycleTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  SubscriptionMother mother;
  UUID account = UUID.randomUUID();
  User alice;

  @BeforeEach
  void setUp() {
    mother = new SubscriptionMother(mvc, jdbc, json);
    alice = SubscriptionMother.user(Level.full, account);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 1));
  }

  @Test
  void aCustomerCreatesASubscriptionAndARetryWithTheSameKeyReplaysIt() throws Exception {
    String body = "{\"planCode\":\"" + BASIC + "\",\"quantity\":2}";
    JsonNode first =
        mother.body(
            mother
                .post(alice, "/accounts/" + account + "/subscriptions", "create-1", body)
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "false"))
                .andExpect(
                    jsonPath("$.subscription.number")
                        .value(org.hamcrest.Matchers.matchesPattern("SUB-[0-9]{6}")))
                .andExpect(jsonPath("$.subscription.status").value("active"))
                .andExpect(jsonPath("$.subscription.currentTermStart").value("2026-03-01"))
                .andExpect(jsonPath("$.subscription.currentTermEnd").value("2026-03-31"))
                .andExpect(jsonPath("$.subscription.nextRenewalDate").value("2026-04-01"))
                .andExpect(jsonPath("$.subscription.monthlyRecurringRevenue").value(20.0))
                .andExpect(jsonPath("$.amountDueNow").value(20.0)));
    JsonNode replay =
        mother.body(
            mother
                .post(alice, "/accounts/" + account + "/subscriptions", "create-1", body)
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true")));
    assertThat(replay).isEqualTo(first);
    mother
        .post(
            alice,
            "/accounts/" + account + "/subscriptions",
            "create-1",
            "{\"planCode\":\"" + BASIC + "\",\"quantity\":3}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/idempotency-key-reused"));
    mother
        .get(alice, "/accounts/" + account + "/subscriptions")
        .andExpect(jsonPath("$.length()").value(1));
    assertThat(mother.types(account)).containsExactly("SubscriptionCreated.v1");
    JsonNode created = mother.events(account).get(0).body();
    assertThat(created.get("subscription").get("unitPrice").decimalValue())
        .isEqualByComparingTo("10.00");
    assertThat(created.get("subscription").get("currency").asString()).isEqualTo("USD");
    assertThat(created.get("lines").get(0).get("amount").decimalValue())
        .isEqualByComparingTo("20.00");
  }

  @Test
  void aChangeAnswersAndPublishesExactlyThePreviewedProration() throws Exception {
    UUID id = mother.create(alice, account, BASIC, 2, true);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 17));
    String change = "{\"planCode\":\"" + PLUS + "\",\"quantity\":2,\"when\":\"now\"}";
    JsonNode preview =
        mother.body(
            mother
                .post(alice, mother.path(account, id) + "/changes/preview", "p-1", change)
                .andExpect(status().isOk())
                // 20 x 15/31 = 9.677..., 60 x 15/31 = 29.032...
                .andExpect(jsonPath("$.lines[0].kind").value("credit"))
                .andExpect(jsonPath("$.lines[0].amount").value(-9.68))
                .andExpect(jsonPath("$.lines[1].amount").value(29.03))
                .andExpect(jsonPath("$.amountDueNow").value(19.35))
                .andExpect(jsonPath("$.amountAtNextRenewal").value(60.0)));
    mother.get(alice, mother.path(account, id)).andExpect(jsonPath("$.planCode").value(BASIC));

    JsonNode changed =
        mother.body(
            mother
                .post(alice, mother.path(account, id) + "/changes", "c-1", change)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subscription.planCode").value(PLUS))
                .andExpect(jsonPath("$.subscription.monthlyRecurringRevenue").value(60.0)));
    assertThat(changed.get("quote")).isEqualTo(preview);
    JsonNode event = mother.events(account).get(1).body();
    assertThat(mother.types(account))
        .containsExactly("SubscriptionCreated.v1", "SubscriptionChanged.v1");
    assertThat(event.get("lines")).isEqualTo(preview.get("lines"));
    assertThat(event.get("amountDueNow")).isEqualTo(preview.get("amountDueNow"));
    assertThat(event.get("fromPlanCode").asString()).isEqualTo(BASIC);

    // at term end: nothing now, a scheduled change shown on the subscription
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "c-2",
            "{\"quantity\":5,\"when\":\"term_end\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.quote.amountDueNow").value(0.0))
        .andExpect(jsonPath("$.quote.amountAtNextRenewal").value(150.0))
        .andExpect(jsonPath("$.subscription.quantity").value(2))
        .andExpect(jsonPath("$.subscription.scheduledChange.quantity").value(5))
        .andExpect(jsonPath("$.subscription.scheduledChange.effectiveDate").value("2026-04-01"));
  }

  @Test
  void cancelAtTermEndCanBeUndoneAndCancelNowCreditsTheRest() throws Exception {
    UUID id = mother.create(alice, account, PLUS, 1, true);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 17));
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "x-1",
            "{\"when\":\"term_end\",\"reason\":\"too_expensive\",\"comment\":\"budget cut\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("active"))
        .andExpect(jsonPath("$.subscription.cancelAtTermEnd").value(true))
        .andExpect(jsonPath("$.subscription.cancellationDate").value("2026-04-01"))
        .andExpect(jsonPath("$.subscription.cancellationReason").value("too_expensive"))
        .andExpect(jsonPath("$.subscription.nextRenewalDate").doesNotExist());
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "x-2",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/cancellation-scheduled"));
    mother
        .post(alice, mother.path(account, id) + "/cancel/undo", "x-3", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cancelAtTermEnd").value(false))
        .andExpect(jsonPath("$.nextRenewalDate").value("2026-04-01"));
    mother
        .post(alice, mother.path(account, id) + "/cancel/undo", "x-4", null)
        .andExpect(status().isConflict());
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "x-5",
            "{\"when\":\"now\",\"reason\":\"switched_service\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("cancelled"))
        .andExpect(jsonPath("$.subscription.cancellationDate").value("2026-03-17"))
        .andExpect(jsonPath("$.subscription.monthlyRecurringRevenue").value(0.0))
        // 30 x 15/31 = 14.516...
        .andExpect(jsonPath("$.lines[0].amount").value(-14.52));
    assertThat(mother.types(account))
        .containsExactly(
            "SubscriptionCreated.v1",
            "SubscriptionCancelled.v1",
            "SubscriptionCancellationUndone.v1",
            "SubscriptionCancelled.v1");
  }

  @Test
  void pauseAndResumeAndActiveOnesListFirst() throws Exception {
    UUID first = mother.create(alice, account, BASIC, 1, true);
    UUID second = mother.create(alice, account, PLUS, 1, true);
    mother
        .post(alice, mother.path(account, first) + "/pause", "pa-1", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("paused"))
        .andExpect(jsonPath("$.monthlyRecurringRevenue").value(0.0));
    mother
        .get(alice, "/accounts/" + account + "/subscriptions")
        .andExpect(jsonPath("$[0].id").value(second.toString()))
        .andExpect(jsonPath("$[1].id").value(first.toString()));
    mother
        .post(
            alice,
            mother.path(account, first) + "/changes",
            "pa-2",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/subscription-paused"));
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 10));
    mother
        .post(alice, mother.path(account, first) + "/resume", "pa-3", null)
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.subscription.status").value("active"))
        .andExpect(jsonPath("$.subscription.nextRenewalDate").value("2026-04-01"))
        .andExpect(jsonPath("$.lines.length()").value(0));
    mother
        .post(alice, mother.path(account, first) + "/resume", "pa-4", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/subscription-not-paused"));
    assertThat(mother.types(account))
        .containsExactly(
            "SubscriptionCreated.v1",
            "SubscriptionCreated.v1",
            "SubscriptionPaused.v1",
            "SubscriptionResumed.v1");
  }

  @Test
  void badInputIsAProblemAndChangesNothing() throws Exception {
    UUID id = mother.create(alice, account, BASIC, 2, true);
    int events = mother.rowCount(account);
    String subs = "/accounts/" + account + "/subscriptions";
    mother
        .post(alice, subs, "b-1", "{\"planCode\":\"no-such-plan\",\"quantity\":1}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("planCode"))
        .andExpect(jsonPath("$.detail").value("There is no plan with code no-such-plan."));
    for (String quantity : new String[] {"0", "-1", "10001", "1000000000"}) {
      mother
          .post(
              alice,
              subs,
              "b-q" + quantity,
              "{\"planCode\":\"" + BASIC + "\",\"quantity\":" + quantity + "}")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("quantity"));
      mother
          .post(
              alice,
              mother.path(account, id) + "/changes",
              "b-c" + quantity,
              "{\"quantity\":" + quantity + ",\"when\":\"now\"}")
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.errors[0].field").value("quantity"));
    }
    mother
        .post(alice, subs, null, "{\"planCode\":\"" + BASIC + "\",\"quantity\":1}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    mother
        .post(alice, subs, "b-2", "{\"planCode\":\"" + PLUS_EUR + "\",\"quantity\":1}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("planCode"))
        .andExpect(
            jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("billed in USD")));
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "b-3",
            "{\"planCode\":\"" + PLUS_EUR + "\",\"when\":\"now\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("planCode"));
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "b-4",
            "{\"planCode\":\"nope\",\"when\":\"now\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("planCode"));
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "b-5",
            "{\"quantity\":3,\"when\":\"tomorrow\"}")
        .andExpect(status().isBadRequest());
    mother
        .post(alice, mother.path(account, id) + "/changes", "b-6", "{\"when\":\"now\"}")
        .andExpect(status().isBadRequest());
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "b-7",
            "{\"when\":\"now\",\"reason\":\"because\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("reason"));
    mother
        .post(alice, mother.path(account, id) + "/resume", "b-8", null)
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/subscription-not-paused"));
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "b-9",
            "{\"quantity\":3,\"when\":\"now\",\"price\":0}")
        .andExpect(status().isBadRequest());
    assertThat(mother.rowCount(account)).isEqualTo(events);
    mother
        .get(alice, mother.path(account, id))
        .andExpect(jsonPath("$.quantity").value(2))
        .andExpect(jsonPath("$.planCode").value(BASIC));

    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "b-10",
            "{\"when\":\"now\",\"reason\":\"other\"}")
        .andExpect(status().isOk());
    int afterCancel = mother.rowCount(account);
    mother
        .post(
            alice,
            mother.path(account, id) + "/changes",
            "b-11",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/subscription-ended"));
    mother
        .post(alice, mother.path(account, id) + "/pause", "b-12", null)
        .andExpect(status().isConflict());
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            "b-13",
            "{\"when\":\"now\",\"reason\":\"other\"}")
        .andExpect(status().isConflict());
    assertThat(mother.rowCount(account)).isEqualTo(afterCancel);
    // once the USD one has ended, the account may take a plan in another currency
    mother
        .post(alice, subs, "b-14", "{\"planCode\":\"" + PLUS_EUR + "\",\"quantity\":1}")
        .andExpect(status().isCreated());
  }

  @Test
  void twentyConcurrentCreatesWithOneKeyCreateOneSubscription() throws Exception {
    String body = "{\"planCode\":\"" + BASIC + "\",\"quantity\":4}";
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(20)) {
      for (int i = 0; i < 20; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  var result =
                      mother
                          .post(alice, "/accounts/" + account + "/subscriptions", "race-1", body)
                          .andExpect(status().isCreated())
                          .andReturn();
                  return result.getResponse().getContentAsString();
                }));
      }
      start.countDown();
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (var answer : answers) {
        distinct.add(json.readTree(answer.get()).get("subscription").get("id").asString());
      }
      assertThat(distinct).hasSize(1);
    }
    mother
        .get(alice, "/accounts/" + account + "/subscriptions")
        .andExpect(jsonPath("$.length()").value(1));
    assertThat(mother.types(account)).containsExactly("SubscriptionCreated.v1");
  }

  @Test
  void everyEventIsFollowedByTheSubscriptionUpdatedThatBillingReads() throws Exception {
    UUID id = mother.create(alice, account, BASIC, 1, true);
    mother.post(alice, mother.path(account, id) + "/pause", "u-1", null).andExpect(status().isOk());
    var rows =
        jdbc.sql("SELECT type, payload FROM outbox_event WHERE message_key = :k ORDER BY seq")
            .param("k", account.toString())
            .query((rs, n) -> java.util.List.of(rs.getString(1), rs.getString(2)))
            .list();
    assertThat(rows)
        .extracting(r -> r.get(0))
        .containsExactly(
            "SubscriptionCreated.v1",
            "SubscriptionUpdated.v1",
            "SubscriptionPaused.v1",
            "SubscriptionUpdated.v1");
    JsonNode updated = json.readTree(rows.get(3).get(1)).get("body");
    assertThat(updated.get("accountId").asString()).isEqualTo(account.toString());
    assertThat(updated.get("number").asString()).matches("SUB-[0-9]{6}");
    assertThat(updated.get("status").asString()).isEqualTo("paused");
    assertThat(updated.get("currency").asString()).isEqualTo("USD");
    assertThat(updated.get("monthlyRecurringRevenue").decimalValue())
        .as("a paused subscription earns nothing")
        .isZero();
    JsonNode created = json.readTree(rows.get(1).get(1)).get("body");
    assertThat(created.get("monthlyRecurringRevenue").decimalValue()).isPositive();
  }
}
