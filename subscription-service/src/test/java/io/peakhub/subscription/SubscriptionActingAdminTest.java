package io.peakhub.subscription;

import static io.peakhub.subscription.SubscriptionMother.BASIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.subscription.SubscriptionMother.User;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes made while an admin is logged in as the customer record both: the customer and the acting
 * admin.
 */
@ServiceTest
class SubscriptionActingAdminTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired JsonMapper json;
  SubscriptionMother mother;
  final UUID account = UUID.randomUUID();
  final String aliceId = UUID.randomUUID().toString();
  final String adaId = UUID.randomUUID().toString();
  User alice;
  User adaAsAlice;

  @BeforeEach
  void setUp() {
    mother = new SubscriptionMother(mvc, jdbc, json);
    TestAccess.GRANTS.grant(
        aliceId,
        Map.of(Area.my_subscriptions, new Grant(Level.full, Grant.Scope.all)),
        account.toString());
    alice = new User(aliceId, "Bearer " + TestJwts.token(aliceId, "alice", "customer"));
    // the token Keycloak issues by token exchange: alice's, with ada as impersonator
    adaAsAlice =
        new User(
            aliceId,
            "Bearer "
                + TestJwts.token(
                    aliceId,
                    "alice",
                    Map.of("impersonator", Map.of("id", adaId, "username", "ada")),
                    "customer"));
  }

  record Activity(String action, String doneBy, String actingAdmin) {}

  private List<Activity> activity(UUID subscription) {
    return jdbc.sql(
            "SELECT action, done_by, acting_admin FROM subscription_activity WHERE subscription_id = :s ORDER BY at, action")
        .param("s", subscription)
        .query(Activity.class)
        .list();
  }

  private String[] row(UUID subscription) {
    return jdbc.sql("SELECT updated_by, acting_admin FROM subscription WHERE id = :s")
        .param("s", subscription)
        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
        .single();
  }

  @Test
  void givenImpersonatingAdmin_whenChangingASubscription_thenItRecordsBothUsers() throws Exception {
    UUID id = mother.create(adaAsAlice, account, BASIC, 2, true);
    assertThat(row(id)).containsExactly("alice", adaId);
    mother
        .post(
            adaAsAlice,
            mother.path(account, id) + "/changes",
            UUID.randomUUID().toString(),
            "{\"quantity\":3,\"when\":\"now\"}")
        .andExpect(status().isOk());
    assertThat(row(id)).containsExactly("alice", adaId);
    // alice's own next change is hers alone; the earlier writes keep their acting admin
    mother
        .post(alice, mother.path(account, id) + "/pause", UUID.randomUUID().toString(), null)
        .andExpect(status().isOk());
    assertThat(row(id)).containsExactly("alice", null);
    assertThat(activity(id))
        .extracting(Activity::action, Activity::doneBy, Activity::actingAdmin)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("create", "alice", adaId),
            org.assertj.core.groups.Tuple.tuple("change", "alice", adaId),
            org.assertj.core.groups.Tuple.tuple("pause", "alice", null));
  }

  @Test
  void aCustomersOwnWritesHaveNoActingAdmin() throws Exception {
    UUID id = mother.create(alice, account, BASIC, 1, true);
    mother
        .post(
            alice,
            mother.path(account, id) + "/cancel",
            UUID.randomUUID().toString(),
            "{\"when\":\"term_end\",\"reason\":\"other\"}")
        .andExpect(status().isOk());
    assertThat(activity(id)).extracting(Activity::actingAdmin).containsOnlyNulls().hasSize(2);
    assertThat(Arrays.asList(row(id))).containsExactly("alice", null);
  }
}
