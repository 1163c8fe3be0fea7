package io.peakhub.identity;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.TestJwts;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The agents a success record can be handed to: listed for agents and admins, refused to everyone
 * else.
 */
@IdentityTest
class AgentsTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  private String user(String first, String last, boolean enabled, String type) {
    String id = UUID.randomUUID().toString();
    jdbc.sql(
            """
            INSERT INTO portal_user (id, username, email, first_name, last_name, enabled, type, synced_at)
            VALUES (:id, :u, null, :f, :l, :e, :t, :now)""")
        .param("id", id)
        .param("u", "u-" + id)
        .param("f", first)
        .param("l", last)
        .param("e", enabled)
        .param("t", type)
        .param("now", Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")))
        .update();
    return id;
  }

  @Test
  void anAgentSeesTheEnabledSuccessAgentsByNameAndNobodyElse() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    String sam = user("Sam", "Agent" + suffix, true, "success_agent");
    String gone = user("Gone", "Agent" + suffix, false, "success_agent");
    String carol = user("Carol", "Customer" + suffix, true, "customer");
    String ada = user("Ada", "Admin" + suffix, true, "admin");

    mvc.perform(
            get("/agents")
                .header("Authorization", "Bearer " + TestJwts.token(sam, "sam", "success_agent")))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath("$[?(@.id == '" + sam + "')].name")
                .value(Matchers.contains("Sam Agent" + suffix)))
        .andExpect(jsonPath("$[*].id").value(Matchers.not(Matchers.hasItems(gone))))
        .andExpect(jsonPath("$[*].id").value(Matchers.not(Matchers.hasItems(carol))))
        .andExpect(jsonPath("$[*].id").value(Matchers.not(Matchers.hasItems(ada))));
    mvc.perform(
            get("/agents").header("Authorization", "Bearer " + TestJwts.token(ada, "ada", "admin")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].id").value(Matchers.hasItem(sam)));
  }

  @Test
  void customersAndAccountExecutivesAreRefused() throws Exception {
    mvc.perform(
            get("/agents")
                .header("Authorization", "Bearer " + TestJwts.token("c-1", "carol", "customer")))
        .andExpect(status().isForbidden());
    mvc.perform(
            get("/agents")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token("e-1", "erin", "account_executive")))
        .andExpect(status().isForbidden());
  }
}
