package io.peakhub.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class SubscriptionApiTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();

  static {
    TestAccess.GRANTS.grant(ALICE, ACME.toString()).grant(BOB, GLOBEX.toString());
  }

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");

  private ResultActions putSubscription(String token, UUID account, String number, String body)
      throws Exception {
    return mvc.perform(
        put("/admin/accounts/" + account + "/subscriptions/" + number)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void customerListsTheirSubscriptionsAndAnotherCustomerIsRefused() throws Exception {
    putSubscription(
            ADMIN,
            ACME,
            "SUB-000001",
            "{\"planName\":\"Peak Analytics Pro\",\"quantity\":25,\"status\":\"active\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isOk());
    mvc.perform(
            get("/accounts/" + ACME + "/subscriptions")
                .header("Authorization", "Bearer " + TestJwts.token(ALICE, "alice", "customer")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].number").value("SUB-000001"))
        .andExpect(jsonPath("$[0].quantity").value(25));
    mvc.perform(
            get("/accounts/" + ACME + "/subscriptions")
                .header("Authorization", "Bearer " + TestJwts.token(BOB, "bob", "customer")))
        .andExpect(status().isNotFound());
  }

  @Test
  void onlyAdminsRecordSubscriptions() throws Exception {
    putSubscription(
            "Bearer " + TestJwts.token(ALICE, "alice", "customer"),
            ACME,
            "SUB-000002",
            "{\"planName\":\"X\",\"quantity\":1,\"status\":\"active\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isForbidden());
  }

  @Test
  void badInputIs400AndWritesNothing() throws Exception {
    putSubscription(
            ADMIN,
            ACME,
            "SUB-000003",
            "{\"planName\":\"X\",\"quantity\":0,\"status\":\"active\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("quantity"));
    putSubscription(
            ADMIN,
            ACME,
            "SUB-000003",
            "{\"planName\":\"X\",\"quantity\":1,\"status\":\"gone\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("status"));
    putSubscription(
            ADMIN,
            ACME,
            "bad-number",
            "{\"planName\":\"X\",\"quantity\":1,\"status\":\"active\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isBadRequest());
    assertThat(
            jdbc.sql("SELECT count(*) FROM subscription WHERE number = 'SUB-000003'")
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anUnknownPlanNameIsRefused() throws Exception {
    putSubscription(
            ADMIN,
            ACME,
            "SUB-000005",
            "{\"planName\":\"No Such Plan\",\"quantity\":1,\"status\":\"active\",\"startDate\":\"2026-03-01\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("planName"));
  }

  @Test
  void aSubscriptionNumberCannotMoveToAnotherAccount() throws Exception {
    String body =
        "{\"planName\":\"Peak Support Premium\",\"quantity\":1,\"status\":\"active\",\"startDate\":\"2026-03-01\"}";
    putSubscription(ADMIN, ACME, "SUB-000004", body).andExpect(status().isOk());
    putSubscription(ADMIN, GLOBEX, "SUB-000004", body).andExpect(status().isConflict());
  }
}
