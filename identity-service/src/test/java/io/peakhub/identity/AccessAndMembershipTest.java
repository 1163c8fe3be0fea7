package io.peakhub.identity;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IdentityTest
class AccessAndMembershipTest {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  static final String ADMIN = TestJwts.token("admin-1", "ada", "admin");

  private ResultActions setMemberships(String token, String userId, String body) throws Exception {
    return mvc.perform(
        put("/admin/memberships/" + userId)
            .header("Authorization", "Bearer " + token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private ResultActions accessOf(String token) throws Exception {
    return mvc.perform(get("/access/me").header("Authorization", "Bearer " + token));
  }

  @Test
  void customerSeesOnlyTheAccountsTheyBelongTo() throws Exception {
    String alice = UUID.randomUUID().toString();
    String bob = UUID.randomUUID().toString();
    String acme = UUID.randomUUID().toString();
    String globex = UUID.randomUUID().toString();
    setMemberships(ADMIN, alice, "{\"relation\":\"contact\",\"accountIds\":[\"" + acme + "\"]}")
        .andExpect(status().isOk());
    setMemberships(ADMIN, bob, "{\"relation\":\"contact\",\"accountIds\":[\"" + globex + "\"]}")
        .andExpect(status().isOk());

    accessOf(TestJwts.token(alice, "alice", "customer"))
        .andExpect(jsonPath("$.allAccounts").value(false))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(acme)));
    accessOf(TestJwts.token(bob, "bob", "customer"))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(globex)));
  }

  @Test
  void accountManagerSeesEveryAssignedAccount() throws Exception {
    String erin = UUID.randomUUID().toString();
    String a1 = UUID.randomUUID().toString();
    String a2 = UUID.randomUUID().toString();
    setMemberships(
            ADMIN,
            erin,
            "{\"relation\":\"manager\",\"accountIds\":[\"" + a1 + "\",\"" + a2 + "\"]}")
        .andExpect(status().isOk());
    accessOf(TestJwts.token(erin, "erin", "account_executive"))
        .andExpect(jsonPath("$.accountIds").value(Matchers.containsInAnyOrder(a1, a2)));
  }

  @Test
  void membershipWithoutACustomerOrManagerRoleGrantsNothing() throws Exception {
    String mallory = UUID.randomUUID().toString();
    setMemberships(
            ADMIN,
            mallory,
            "{\"relation\":\"contact\",\"accountIds\":[\"" + UUID.randomUUID() + "\"]}")
        .andExpect(status().isOk());
    accessOf(TestJwts.token(mallory, "mallory"))
        .andExpect(jsonPath("$.allAccounts").value(false))
        .andExpect(jsonPath("$.accountIds").isEmpty());
  }

  @Test
  void adminsAndAgentsWorkAcrossAllAccounts() throws Exception {
    accessOf(ADMIN).andExpect(jsonPath("$.allAccounts").value(true));
    accessOf(TestJwts.token("agent-1", "sam", "success_agent"))
        .andExpect(jsonPath("$.allAccounts").value(true));
  }

  @Test
  void customerCannotSetMembershipsNorReadAnothersMemberships() throws Exception {
    String alice = UUID.randomUUID().toString();
    String token = TestJwts.token(alice, "alice", "customer");
    int before = jdbc.sql("SELECT count(*) FROM account_membership").query(Integer.class).single();
    setMemberships(
            token,
            alice,
            "{\"relation\":\"contact\",\"accountIds\":[\"" + UUID.randomUUID() + "\"]}")
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/forbidden"));
    mvc.perform(get("/admin/memberships/other-user").header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden());
    org.assertj.core.api.Assertions.assertThat(
            jdbc.sql("SELECT count(*) FROM account_membership").query(Integer.class).single())
        .isEqualTo(before);
  }

  @Test
  void badInputIsA400NamingTheFieldAndWritesNothing() throws Exception {
    String user = UUID.randomUUID().toString();
    setMemberships(ADMIN, user, "{\"relation\":\"owner\",\"accountIds\":[]}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/unreadable-body"));
    setMemberships(ADMIN, user, "{\"relation\":\"contact\",\"accountIds\":[\"not-a-uuid\"]}")
        .andExpect(status().isBadRequest());
    setMemberships(ADMIN, user, "{\"relation\":\"contact\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("accountIds"));
    setMemberships(ADMIN, "bad$id", "{\"relation\":\"contact\",\"accountIds\":[]}")
        .andExpect(status().isBadRequest());
    org.assertj.core.api.Assertions.assertThat(
            jdbc.sql("SELECT count(*) FROM account_membership WHERE user_id = :u")
                .param("u", user)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void accountContactsAreListedForTheAccountsManagerButNotForAnotherAccountsManager()
      throws Exception {
    String alice = UUID.randomUUID().toString();
    String erin = UUID.randomUUID().toString();
    String frank = UUID.randomUUID().toString();
    String acme = UUID.randomUUID().toString();
    String globex = UUID.randomUUID().toString();
    setMemberships(ADMIN, alice, "{\"relation\":\"contact\",\"accountIds\":[\"" + acme + "\"]}")
        .andExpect(status().isOk());
    setMemberships(ADMIN, erin, "{\"relation\":\"manager\",\"accountIds\":[\"" + acme + "\"]}")
        .andExpect(status().isOk());
    setMemberships(ADMIN, frank, "{\"relation\":\"manager\",\"accountIds\":[\"" + globex + "\"]}")
        .andExpect(status().isOk());

    mvc.perform(
            get("/accounts/" + acme + "/contacts")
                .header(
                    "Authorization", "Bearer " + TestJwts.token(erin, "erin", "account_executive")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].id").value(Matchers.contains(alice)));
    mvc.perform(
            get("/accounts/" + acme + "/contacts")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token(frank, "frank", "account_executive")))
        .andExpect(status().isNotFound());
  }
}
