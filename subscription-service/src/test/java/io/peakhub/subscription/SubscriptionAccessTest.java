package io.peakhub.subscription;

import static io.peakhub.subscription.SubscriptionMother.BASIC;
import static io.peakhub.subscription.SubscriptionMother.PLUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Level;
import io.peakhub.platform.events.EventEnvelope;
import io.peakhub.platform.events.EventJson;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestClock;
import io.peakhub.subscription.SubscriptionMother.User;
import io.peakhub.subscription.account.InactiveAccounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Two accounts, per-level profiles, and billing's inactive accounts. */
@ServiceTest
class SubscriptionAccessTest {

  /** Every change endpoint under a subscription, with a valid body, and the level it needs. */
  record Change(String path, String body, Level needs) {}

  static final List<Change> CHANGES =
      List.of(
          new Change("/changes/preview", "{\"quantity\":3,\"when\":\"now\"}", Level.edit),
          new Change("/changes", "{\"quantity\":3,\"when\":\"now\"}", Level.edit),
          new Change("/pause", null, Level.edit),
          new Change("/resume", null, Level.edit),
          new Change("/cancel", "{\"when\":\"term_end\",\"reason\":\"other\"}", Level.full),
          new Change("/cancel/undo", null, Level.full));

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  @Autowired InactiveAccounts inactiveAccounts;
  SubscriptionMother mother;
  UUID acme = UUID.randomUUID();
  UUID globex = UUID.randomUUID();
  User alice;
  User bob;
  UUID acmeSubscription;

  @BeforeEach
  void setUp() throws Exception {
    mother = new SubscriptionMother(mvc, jdbc, json);
    TestClock.CLOCK.set(LocalDate.of(2026, 3, 1));
    alice = SubscriptionMother.user(Level.full, acme);
    bob = SubscriptionMother.user(Level.full, globex);
    acmeSubscription = mother.create(alice, acme, BASIC, 2, true);
    mother.create(bob, globex, BASIC, 1, true);
  }

  @Test
  void anotherAccountsSubscriptionIsNotFoundOnEveryEndpoint() throws Exception {
    int before = mother.rowCount(acme);
    mother.get(bob, "/accounts/" + acme + "/subscriptions").andExpect(status().isNotFound());
    mother.get(bob, mother.path(acme, acmeSubscription)).andExpect(status().isNotFound());
    // the other account's subscription id under bob's own account
    mother.get(bob, mother.path(globex, acmeSubscription)).andExpect(status().isNotFound());
    mother
        .post(
            bob,
            "/accounts/" + acme + "/subscriptions",
            "k",
            "{\"planCode\":\"" + BASIC + "\",\"quantity\":1}")
        .andExpect(status().isNotFound());
    for (Change change : CHANGES) {
      mother
          .post(
              bob,
              mother.path(acme, acmeSubscription) + change.path(),
              UUID.randomUUID().toString(),
              change.body())
          .andExpect(status().isNotFound());
      mother
          .post(
              bob,
              mother.path(globex, acmeSubscription) + change.path(),
              UUID.randomUUID().toString(),
              change.body())
          .andExpect(status().isNotFound());
    }
    assertThat(mother.rowCount(acme)).isEqualTo(before);
    mother
        .get(alice, mother.path(acme, acmeSubscription))
        .andExpect(jsonPath("$.quantity").value(2));
  }

  @Test
  void aViewProfileReadsButIsRefusedEveryChange() throws Exception {
    User viewer = SubscriptionMother.user(Level.view, acme);
    mother.get(viewer, "/accounts/" + acme + "/subscriptions").andExpect(status().isOk());
    mother.get(viewer, mother.path(acme, acmeSubscription)).andExpect(status().isOk());
    mother
        .post(
            viewer,
            "/accounts/" + acme + "/subscriptions",
            "v-0",
            "{\"planCode\":\"" + BASIC + "\",\"quantity\":1}")
        .andExpect(status().isForbidden());
    for (Change change : CHANGES) {
      mother
          .post(
              viewer,
              mother.path(acme, acmeSubscription) + change.path(),
              UUID.randomUUID().toString(),
              change.body())
          .andExpect(status().isForbidden());
    }
  }

  @Test
  void eachChangeNeedsItsLevelAndOneLevelLessIsRefused() throws Exception {
    User creator = SubscriptionMother.user(Level.create, acme);
    User editor = SubscriptionMother.user(Level.edit, acme);
    mother
        .post(
            creator,
            "/accounts/" + acme + "/subscriptions",
            "l-1",
            "{\"planCode\":\"" + PLUS + "\",\"quantity\":1}")
        .andExpect(status().isCreated());
    mother
        .post(
            creator,
            mother.path(acme, acmeSubscription) + "/changes",
            "l-2",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isForbidden());
    mother
        .post(
            editor,
            mother.path(acme, acmeSubscription) + "/changes",
            "l-3",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isOk());
    mother
        .post(
            editor,
            mother.path(acme, acmeSubscription) + "/cancel",
            "l-4",
            "{\"when\":\"now\",\"reason\":\"other\"}")
        .andExpect(status().isForbidden());
    mother
        .post(
            alice,
            mother.path(acme, acmeSubscription) + "/cancel",
            "l-5",
            "{\"when\":\"now\",\"reason\":\"other\"}")
        .andExpect(status().isOk());
  }

  @Test
  void anAccountBillingMarkedInactiveAllowsNoChangesUntilItIsActiveAgain() throws Exception {
    EventEnvelope inactive =
        balanceChanged(acme, "inactive", Instant.parse("2026-03-01T10:00:00Z"));
    inactiveAccounts.on(EventJson.write(inactive));
    inactiveAccounts.on(EventJson.write(inactive));
    // an older event arriving late does not undo the newer status
    inactiveAccounts.on(
        EventJson.write(balanceChanged(acme, "active", Instant.parse("2026-02-01T10:00:00Z"))));
    int before = mother.rowCount(acme);
    mother
        .post(
            alice,
            "/accounts/" + acme + "/subscriptions",
            "i-0",
            "{\"planCode\":\"" + BASIC + "\",\"quantity\":1}")
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/account-inactive"))
        .andExpect(
            jsonPath("$.detail")
                .value("Account A-000777 is inactive: no subscription changes are allowed."));
    for (Change change : CHANGES) {
      mother
          .post(
              alice,
              mother.path(acme, acmeSubscription) + change.path(),
              UUID.randomUUID().toString(),
              change.body())
          .andExpect(status().isConflict())
          .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/account-inactive"));
    }
    assertThat(mother.rowCount(acme)).isEqualTo(before);
    mother.get(alice, mother.path(acme, acmeSubscription)).andExpect(status().isOk());
    // other accounts are not affected
    mother
        .post(
            bob,
            "/accounts/" + globex + "/subscriptions",
            "i-1",
            "{\"planCode\":\"" + BASIC + "\",\"quantity\":1}")
        .andExpect(status().isCreated());

    EventEnvelope reactivated =
        new EventEnvelope(
            UUID.randomUUID(),
            "AccountUpdated.v1",
            Instant.parse("2026-03-02T10:00:00Z"),
            acme.toString(),
            EventJson.tree(
                Map.of(
                    "number",
                    "A-000777",
                    "name",
                    "Acme",
                    "currency",
                    "USD",
                    "status",
                    "active",
                    "locale",
                    "en-US")));
    inactiveAccounts.on(EventJson.write(reactivated));
    mother
        .post(
            alice,
            mother.path(acme, acmeSubscription) + "/changes",
            "i-2",
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isOk());
  }

  private static EventEnvelope balanceChanged(UUID account, String status, Instant asOf) {
    return new EventEnvelope(
        UUID.randomUUID(),
        "BalanceChanged.v1",
        asOf,
        account.toString(),
        EventJson.tree(
            Map.of(
                "accountId",
                account,
                "accountNumber",
                "A-000777",
                "name",
                "Acme",
                "currency",
                "USD",
                "status",
                status,
                "balance",
                0,
                "creditBalance",
                0,
                "asOf",
                asOf)));
  }
}
