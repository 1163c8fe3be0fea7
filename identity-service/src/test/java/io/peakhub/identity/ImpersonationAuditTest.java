package io.peakhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Who may be impersonated, the impersonation rows and the audit trail, as the gateway and admins
 * use them.
 */
@IdentityTest
class ImpersonationAuditTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @MockitoBean KeycloakAdmin keycloak;

  String ada;
  String grace;
  String alice;
  String adaToken;
  String graceToken;
  UUID account = UUID.randomUUID();

  private String user(String type, boolean enabled) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO portal_user (id, username, email, first_name, last_name, enabled, type, synced_at)
            VALUES (:id, :u, :u || '@example.com', 'First', 'Last', :en, :t, now())""")
        .param("id", id)
        .param("u", type + "-" + id.substring(0, 8))
        .param("en", enabled)
        .param("t", type)
        .update();
    return id;
  }

  @BeforeEach
  void users() {
    ada = user("admin", true);
    grace = user("admin", true);
    alice = user("customer", true);
    jdbc.sql(
            "INSERT INTO account_membership (user_id, account_id, relation, created_at, created_by) VALUES (:u, :a, 'contact', now(), 'test')")
        .param("u", alice)
        .param("a", account)
        .update();
    adaToken = "Bearer " + TestJwts.token(ada, "ada", "admin");
    graceToken = "Bearer " + TestJwts.token(grace, "grace", "admin");
  }

  private ResultActions start(String token, String userId) throws Exception {
    return mvc.perform(
        post("/admin/impersonations")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                "{\"userId\":\""
                    + userId
                    + "\",\"reason\":\"ticket 4711: invoice question\",\"sourceAddress\":\"10.0.0.7\"}"));
  }

  private String startedId(String token, String userId) throws Exception {
    String body =
        start(token, userId)
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private ResultActions end(String token, String id, String how) throws Exception {
    return mvc.perform(
        post("/admin/impersonations/" + id + "/end")
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(how == null ? "{}" : "{\"how\":\"" + how + "\"}"));
  }

  @Test
  void startAndExitAreRecordedWithAdminUserReasonTimeAndSourceAddress() throws Exception {
    String id = startedId(adaToken, alice);
    mvc.perform(get("/admin/impersonations?active=true").header("Authorization", graceToken))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].adminId").value(ada))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].userId").value(alice))
        .andExpect(
            jsonPath("$[?(@.id == '" + id + "')].reason").value("ticket 4711: invoice question"))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')].sourceAddress").value("10.0.0.7"));
    end(adaToken, id, "exit")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.endedHow").value("exit"))
        .andExpect(jsonPath("$.endedAt").exists());
    mvc.perform(get("/admin/impersonations?active=true").header("Authorization", adaToken))
        .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());

    mvc.perform(
            get("/admin/audit?who=" + alice + "&actingAdmin=" + ada)
                .header("Authorization", adaToken))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.length()").value(2))
        .andExpect(jsonPath("$[0].action").value("impersonation.ended"))
        .andExpect(jsonPath("$[0].detail").value("exit"))
        .andExpect(jsonPath("$[1].action").value("impersonation.started"))
        .andExpect(jsonPath("$[1].sourceAddress").value("10.0.0.7"))
        .andExpect(jsonPath("$[1].accountIds[0]").value(account.toString()));
    mvc.perform(
            get("/admin/audit?accountId=" + account + "&action=impersonation.started")
                .header("Authorization", adaToken))
        .andExpect(jsonPath("$.length()").value(1));
    mvc.perform(get("/admin/audit?actingAdmin=" + grace).header("Authorization", adaToken))
        .andExpect(jsonPath("$.length()").value(0));
    String future = Instant.now().plusSeconds(3600).toString();
    mvc.perform(
            get("/admin/audit?who=" + alice + "&from=" + future).header("Authorization", adaToken))
        .andExpect(jsonPath("$.length()").value(0));
  }

  @Test
  void anotherAdminEndingItIsRecordedAsEndedByAdminAndTheSessionSeesItEnded() throws Exception {
    String id = startedId(adaToken, alice);
    String adaAsAlice =
        "Bearer "
            + TestJwts.token(
                alice,
                "alice",
                Map.of("impersonator", Map.of("id", ada, "username", "ada")),
                "customer");
    mvc.perform(get("/impersonations/" + id).header("Authorization", adaAsAlice))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.active").value(true));
    end(graceToken, id, "exit")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.endedHow").value("ended_by_admin"))
        .andExpect(jsonPath("$.endedBy").value(grace));
    mvc.perform(get("/impersonations/" + id).header("Authorization", adaAsAlice))
        .andExpect(jsonPath("$.active").value(false))
        .andExpect(jsonPath("$.endedHow").value("ended_by_admin"));
    // the gateway's own end report afterwards changes nothing
    end(adaToken, id, "exit").andExpect(jsonPath("$.endedHow").value("ended_by_admin"));
  }

  @Test
  void theStateIsHiddenFromAnyoneButTheAdminAndTheImpersonatedSession() throws Exception {
    String id = startedId(adaToken, alice);
    String aliceHerself = "Bearer " + TestJwts.token(alice, "alice", "customer");
    String forgedAdmin =
        "Bearer "
            + TestJwts.token(
                alice, "alice", Map.of("impersonator", Map.of("id", grace)), "customer");
    mvc.perform(get("/impersonations/" + id).header("Authorization", aliceHerself))
        .andExpect(status().isNotFound());
    mvc.perform(get("/impersonations/" + id).header("Authorization", forgedAdmin))
        .andExpect(status().isNotFound());
    mvc.perform(get("/impersonations/" + id).header("Authorization", graceToken))
        .andExpect(status().isNotFound());
    mvc.perform(get("/impersonations/" + id).header("Authorization", adaToken))
        .andExpect(status().isOk());
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "success_agent", "disabled", "self"})
  void adminsDisabledUsersAgentsAndOneselfCannotBeImpersonated(String kind) throws Exception {
    String target =
        switch (kind) {
          case "disabled" -> user("customer", false);
          case "self" -> ada;
          default -> user(kind, true);
        };
    mvc.perform(get("/admin/impersonations/check/" + target).header("Authorization", adaToken))
        .andExpect(status().isForbidden())
        .andExpect(
            jsonPath("$.type").value("https://peakhub.io/problems/impersonation-not-allowed"));
    start(adaToken, target).andExpect(status().isForbidden());
    assertThat(
            jdbc.sql("SELECT count(*) FROM impersonation_session WHERE user_id = :u")
                .param("u", target)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void customersAndAccountExecutivesCanBeImpersonated() throws Exception {
    mvc.perform(get("/admin/impersonations/check/" + alice).header("Authorization", adaToken))
        .andExpect(status().isOk());
    mvc.perform(
            get("/admin/impersonations/check/" + user("account_executive", true))
                .header("Authorization", adaToken))
        .andExpect(status().isOk());
  }

  @Test
  void nonAdminsAndImpersonatingSessionsCannotStartOrListImpersonations() throws Exception {
    String aliceHerself = "Bearer " + TestJwts.token(alice, "alice", "customer");
    start(aliceHerself, user("customer", true)).andExpect(status().isForbidden());
    mvc.perform(get("/admin/impersonations").header("Authorization", aliceHerself))
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/audit").header("Authorization", aliceHerself))
        .andExpect(status().isForbidden());
    // a token that is an admin's but was itself obtained by impersonation never starts another one
    String nested =
        "Bearer "
            + TestJwts.token(ada, "ada", Map.of("impersonator", Map.of("id", grace)), "admin");
    start(nested, alice)
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-while-impersonating"));
  }

  @Test
  void resetPasswordIsRefusedWhileImpersonating() throws Exception {
    String nested =
        "Bearer "
            + TestJwts.token(ada, "ada", Map.of("impersonator", Map.of("id", grace)), "admin");
    mvc.perform(
            post("/admin/users/" + alice + "/reset-password")
                .header("Authorization", nested)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"n3w-passw0rd\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-while-impersonating"));
    org.mockito.Mockito.verifyNoInteractions(keycloak);
  }

  @Test
  void badAuditQueriesAndUnknownImpersonationsAreProblems() throws Exception {
    mvc.perform(
            get("/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")
                .header("Authorization", adaToken))
        .andExpect(status().isBadRequest());
    mvc.perform(get("/admin/audit?accountId=nope").header("Authorization", adaToken))
        .andExpect(status().isBadRequest());
    end(adaToken, UUID.randomUUID().toString(), "exit").andExpect(status().isNotFound());
    end(adaToken, "not-a-uuid", "exit").andExpect(status().isBadRequest());
    mvc.perform(
            post("/admin/impersonations")
                .header("Authorization", adaToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\":\"" + alice + "\"}"))
        .andExpect(status().isBadRequest());
  }
}
