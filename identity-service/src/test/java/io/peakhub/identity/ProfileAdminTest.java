package io.peakhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IdentityTest
class ProfileAdminTest {

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  static final String READ_ONLY = "b0000000-0000-4000-8000-000000000003";
  static final String GRANTS =
      """
      {"pay_invoices":{"level":"view","scope":"all"},"my_account":{"level":"edit","scope":"all"},
       "my_subscriptions":{"level":"none","scope":"all"},"my_cases":{"level":"create","scope":"restricted"},
       "customer_accounts":{"level":"none","scope":"restricted"}}""";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  private String customerOf(String account) throws Exception {
    String id = UUID.randomUUID().toString();
    mvc.perform(
            put("/admin/memberships/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"relation\":\"contact\",\"accountIds\":[\"" + account + "\"]}"))
        .andExpect(status().isOk());
    return id;
  }

  private ResultActions access(String userId) throws Exception {
    return mvc.perform(
        get("/access/me")
            .header("Authorization", "Bearer " + TestJwts.token(userId, "u", "customer")));
  }

  private int accessEvents(String key) {
    return jdbc.sql(
            "SELECT count(*) FROM outbox_event WHERE topic = 'identity.access' AND message_key = :k")
        .param("k", key)
        .query(Integer.class)
        .single();
  }

  @Test
  void customersGetTheDefaultProfileUntilAnAdminAssignsAnother() throws Exception {
    String account = UUID.randomUUID().toString();
    String alice = customerOf(account);
    String bob = customerOf(account);
    access(alice)
        .andExpect(jsonPath("$.profile.name").value("Customer standard"))
        .andExpect(jsonPath("$.grants.pay_invoices.level").value("create"))
        .andExpect(jsonPath("$.grants.my_cases.scope").value("restricted"));

    mvc.perform(
            put("/admin/users/" + alice + "/profile")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"profileId\":\"" + READ_ONLY + "\"}"))
        .andExpect(status().isOk());
    access(alice)
        .andExpect(jsonPath("$.profile.name").value("Customer read-only"))
        .andExpect(jsonPath("$.grants.pay_invoices.level").value("view"));
    access(bob).andExpect(jsonPath("$.profile.name").value("Customer standard"));
    assertThat(accessEvents(alice)).isEqualTo(2);
  }

  @Test
  void adminsCreateEditAndDeleteProfilesAndEveryHolderIsAnnounced() throws Exception {
    String body =
        mvc.perform(
                post("/admin/profiles")
                    .header("Authorization", ADMIN)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(
                        "{\"name\":\"Finance clerk\",\"description\":\"pays\",\"grants\":"
                            + GRANTS
                            + "}"))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.grants.my_account.level").value("edit"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    String carol = customerOf(UUID.randomUUID().toString());
    mvc.perform(
            put("/admin/users/" + carol + "/profile")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"profileId\":\"" + id + "\"}"))
        .andExpect(status().isOk());

    mvc.perform(
            put("/admin/profiles/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"Finance clerk\",\"grants\":"
                        + GRANTS.replace(
                            "\"view\",\"scope\":\"all\"},\"my_account\"",
                            "\"create\",\"scope\":\"all\"},\"my_account\"")
                        + "}"))
        .andExpect(status().isOk());
    access(carol).andExpect(jsonPath("$.grants.pay_invoices.level").value("create"));
    assertThat(accessEvents(carol)).isEqualTo(3);

    mvc.perform(delete("/admin/profiles/" + id).header("Authorization", ADMIN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/profile-in-use"));
    mvc.perform(delete("/admin/profiles/" + READ_ONLY).header("Authorization", ADMIN))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/profile-builtin"));
  }

  @Test
  void changingADefaultProfileIsAnnouncedToEveryone() throws Exception {
    mvc.perform(
            put("/admin/profiles/b0000000-0000-4000-8000-000000000004")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"Account executive\",\"grants\":" + GRANTS + "}"))
        .andExpect(status().isOk());
    assertThat(accessEvents("*")).isGreaterThanOrEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\":\"\",\"grants\":{}}|name",
        "{\"name\":\"Customer standard\",\"grants\":{}}|name",
        "{\"name\":\"X\"}|grants"
      })
  void badProfilesAre400NamingTheField(String body, String field) throws Exception {
    int before = jdbc.sql("SELECT count(*) FROM profile").query(Integer.class).single();
    mvc.perform(
            post("/admin/profiles")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(jdbc.sql("SELECT count(*) FROM profile").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void unknownLevelsAreasAndProfilesAreRefused() throws Exception {
    mvc.perform(
            post("/admin/profiles")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"X\",\"grants\":{\"pay_invoices\":{\"level\":\"godmode\",\"scope\":\"all\"}}}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            post("/admin/profiles")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"X\",\"grants\":{\"the_vault\":{\"level\":\"view\",\"scope\":\"all\"}}}"))
        .andExpect(status().isBadRequest());
    mvc.perform(
            put("/admin/users/someone/profile")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"profileId\":\"" + UUID.randomUUID() + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("profileId"));
  }

  @Test
  void customersCannotReadOrChangeProfiles() throws Exception {
    String customer = "Bearer " + TestJwts.token("c-1", "alice", "customer");
    mvc.perform(get("/admin/profiles").header("Authorization", customer))
        .andExpect(status().isForbidden());
    mvc.perform(
            put("/admin/users/c-1/profile")
                .header("Authorization", customer)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"profileId\":\"b0000000-0000-4000-8000-000000000002\"}"))
        .andExpect(status().isForbidden());
  }
}
