package io.peakhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.identity.user.PortalUsers;
import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.testing.TestJwts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Users and account managers with Keycloak's Admin API mocked (its real behaviour is covered by the
 * end-to-end tests against the real Keycloak): what is written, what is refused, and that nothing
 * is half-written when one side fails.
 */
@IdentityTest
class UsersAndManagersAdminTest {

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  static final String MANAGER =
      """
      {"name":"Erin Easton","employeeId":"%s","primaryEmail":"%s","phone":"+1 555 0100","mobile":"+1 555 0101",
       "loginName":"%s","password":"s3cret-pass","retypePassword":"%s"}""";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired PortalUsers users;
  @MockitoBean KeycloakAdmin keycloak;

  @BeforeEach
  void keycloakCreatesUsers() {
    when(keycloak.findByUsername(anyString())).thenReturn(Optional.empty());
    when(keycloak.createUser(
            anyString(),
            anyString(),
            anyString(),
            anyString(),
            anyString(),
            eq("account_executive")))
        .thenAnswer(i -> UUID.randomUUID().toString());
  }

  private static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private ResultActions createManager(String login, String employee, String email, String retype)
      throws Exception {
    return mvc.perform(
        post("/admin/account-managers")
            .header("Authorization", ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(MANAGER.formatted(employee, email, login, retype)));
  }

  private String newManager() throws Exception {
    String login = "am." + unique();
    String body =
        createManager(login, "E-" + unique(), login + "@peakhub.example", "s3cret-pass")
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  private int managers() {
    return jdbc.sql("SELECT count(*) FROM account_manager").query(Integer.class).single();
  }

  @Test
  void creatingAManagerCreatesTheLoginInKeycloakAndKeepsNoPassword() throws Exception {
    String login = "am." + unique();
    createManager(login, "E-100", login + "@peakhub.example", "s3cret-pass")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.loginName").value(login))
        .andExpect(jsonPath("$.employeeId").value("E-100"));
    verify(keycloak)
        .createUser(
            login,
            login + "@peakhub.example",
            "Erin",
            "Easton",
            "s3cret-pass",
            "account_executive");
    String everything =
        jdbc.sql("SELECT string_agg(t::text, '|') FROM account_manager t")
            .query(String.class)
            .single();
    assertThat(everything).doesNotContain("s3cret-pass");
    mvc.perform(
            get("/admin/users")
                .param("type", "account_executive")
                .param("q", login)
                .header("Authorization", ADMIN))
        .andExpect(jsonPath("$.total").value(1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dup|E-200|dup@peakhub.example|s3cret-pass|loginName",
        "Bad Login!|E-201|a@peakhub.example|s3cret-pass|loginName",
        "fresh1|E-200|b@peakhub.example|s3cret-pass|employeeId",
        "fresh2|E-202|not-an-email|s3cret-pass|primaryEmail",
        "fresh3|E-203|c@peakhub.example|other-pass|retypePassword"
      })
  void badManagersAre400NamingTheFieldAndNothingIsCreatedAnywhere(
      String login, String employee, String email, String retype, String field) throws Exception {
    createManager("dup", "E-200", "dup0@peakhub.example", "s3cret-pass");
    int before = managers();
    createManager(login, employee, email, retype)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(managers()).isEqualTo(before);
    // only the set-up's own "dup" reached Keycloak
    verify(keycloak, org.mockito.Mockito.times(login.equals("dup") ? 1 : 0))
        .createUser(eq(login), anyString(), anyString(), anyString(), anyString(), anyString());
  }

  @Test
  void aLoginNameKeycloakAlreadyHasIsRefused() throws Exception {
    when(keycloak.findByUsername("taken.elsewhere"))
        .thenReturn(
            Optional.of(
                new KeycloakAdmin.KeycloakUser(
                    "x", "taken.elsewhere", null, null, null, true, 0L)));
    createManager("taken.elsewhere", "E-300", "t@peakhub.example", "s3cret-pass")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("loginName"));
  }

  @Test
  void oversizeFieldsAreRefused() throws Exception {
    mvc.perform(
            post("/admin/account-managers")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    MANAGER
                        .formatted("E-1", "o@peakhub.example", "oversize", "s3cret-pass")
                        .replace("Erin Easton", "x".repeat(101))))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("name"));
  }

  @Test
  void whenTheDatabaseRefusesTheNewLoginIsDeletedAgain() throws Exception {
    jdbc.sql(
            """
        CREATE OR REPLACE FUNCTION refuse_manager() RETURNS trigger AS $$
        BEGIN IF NEW.name = 'Explode Now' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$
        LANGUAGE plpgsql""")
        .update();
    jdbc.sql("DROP TRIGGER IF EXISTS refuse_manager ON account_manager").update();
    jdbc.sql(
            "CREATE TRIGGER refuse_manager BEFORE INSERT ON account_manager FOR EACH ROW EXECUTE FUNCTION refuse_manager()")
        .update();
    when(keycloak.createUser(
            eq("explode"), anyString(), anyString(), anyString(), anyString(), anyString()))
        .thenReturn("kc-explode");
    int before = managers();
    mvc.perform(
            post("/admin/account-managers")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    MANAGER
                        .formatted("E-400", "x@peakhub.example", "explode", "s3cret-pass")
                        .replace("Erin Easton", "Explode Now")))
        .andExpect(status().isInternalServerError());
    verify(keycloak).deleteUser("kc-explode");
    assertThat(managers()).isEqualTo(before);
  }

  @Test
  void whenKeycloakRefusesNothingIsWrittenHere() throws Exception {
    when(keycloak.createUser(
            eq("kcdown"), anyString(), anyString(), anyString(), anyString(), anyString()))
        .thenThrow(
            new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Keycloak is not answering"));
    int before = managers();
    createManager("kcdown", "E-500", "k@peakhub.example", "s3cret-pass")
        .andExpect(status().isServiceUnavailable());
    assertThat(managers()).isEqualTo(before);
  }

  @Test
  void oneManagerPerAccountAndReassigningMovesTheAccount() throws Exception {
    String first = newManager();
    String second = newManager();
    UUID a1 = UUID.randomUUID();
    UUID a2 = UUID.randomUUID();
    mvc.perform(
            put("/admin/account-managers/" + first + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + a1 + "\",\"" + a2 + "\"]}"))
        .andExpect(jsonPath("$.accountIds.length()").value(2));
    mvc.perform(
            put("/admin/account-managers/" + second + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + a2 + "\"]}"))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(a2.toString())));
    mvc.perform(get("/admin/account-managers/" + first).header("Authorization", ADMIN))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(a1.toString())));
    mvc.perform(
            get("/access/me")
                .header(
                    "Authorization", "Bearer " + TestJwts.token(first, "am", "account_executive")))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(a1.toString())))
        .andExpect(jsonPath("$.grants.customer_accounts.level").value("full"));
    mvc.perform(
            get("/access/me")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token(second, "am2", "account_executive")))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(a2.toString())));
  }

  /**
   * The most one call takes, 5,000 accounts (196 KB of JSON), fits the body limit; one more is a
   * 400.
   */
  @Test
  void aManagerTakesFiveThousandAccountsInOneCallAndNotOneMore() throws Exception {
    String manager = newManager();
    List<String> ids =
        java.util.stream.Stream.generate(() -> "\"" + UUID.randomUUID() + "\"")
            .limit(5001)
            .toList();
    mvc.perform(
            put("/admin/account-managers/" + manager + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[" + String.join(",", ids) + "]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("accountIds"));
    mvc.perform(
            put("/admin/account-managers/" + manager + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[" + String.join(",", ids.subList(0, 5000)) + "]}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountIds.length()").value(5000));
    mvc.perform(
            get("/access/me")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token(manager, "am", "account_executive")))
        .andExpect(jsonPath("$.accountIds.length()").value(5000));
  }

  /** The manager each account has, as the events on identity.account-manager said, in order. */
  private List<String> managerEvents(UUID account) {
    return jdbc
        .sql(
            """
            SELECT payload FROM outbox_event WHERE topic = 'identity.account-manager' AND message_key = :a ORDER BY seq""")
        .param("a", account.toString())
        .query(String.class)
        .list()
        .stream()
        .map(p -> p.replaceAll(".*\"managerName\":(null|\"[^\"]*\").*", "$1"))
        .toList();
  }

  @Test
  void assigningRenamingAndDeletingManagersAnnouncesWhoManagesEachAccount() throws Exception {
    String first = newManager();
    String second = newManager();
    UUID a1 = UUID.randomUUID();
    UUID a2 = UUID.randomUUID();
    mvc.perform(
            put("/admin/account-managers/" + first + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + a1 + "\",\"" + a2 + "\"]}"))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/account-managers/" + second + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + a2 + "\"]}"))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/account-managers/" + first)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"name":"Erin Renamed","employeeId":"E-%s","primaryEmail":"erin.%s@peakhub.example"}"""
                        .formatted(unique(), unique())))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/account-managers/" + first + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[]}"))
        .andExpect(status().isOk());
    mvc.perform(
            delete("/admin/account-managers")
                .param("ids", second)
                .param("confirm", "true")
                .header("Authorization", ADMIN))
        .andExpect(status().isNoContent());

    assertThat(managerEvents(a1)).containsExactly("\"Erin Easton\"", "\"Erin Renamed\"", "null");
    assertThat(managerEvents(a2)).containsExactly("\"Erin Easton\"", "\"Erin Easton\"", "null");
    String payload =
        jdbc.sql(
                "SELECT payload FROM outbox_event WHERE topic = 'identity.account-manager' AND message_key = :a"
                    + " ORDER BY seq LIMIT 1")
            .param("a", a1.toString())
            .query(String.class)
            .single();
    assertThat(payload)
        .contains("\"type\":\"AccountManagerChanged.v1\"")
        .contains("\"accountId\":\"" + a1 + "\"")
        .contains("\"managerId\":\"" + first + "\"");
  }

  @Test
  void managerMembershipsSetByAnAdminAreAnnouncedWithTheUsersName() throws Exception {
    String erin = UUID.randomUUID().toString();
    users.upsert(
        new KeycloakAdmin.KeycloakUser(
            erin,
            "erin." + unique(),
            "erin@peakhub.example",
            "Erin",
            "Easton",
            true,
            Instant.now().toEpochMilli()),
        List.of("account_executive"),
        Instant.now());
    UUID a1 = UUID.randomUUID();
    UUID a2 = UUID.randomUUID();
    mvc.perform(
            put("/admin/memberships/" + erin)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"relation\":\"manager\",\"accountIds\":[\"" + a1 + "\",\"" + a2 + "\"]}"))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/memberships/" + erin)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"relation\":\"manager\",\"accountIds\":[\"" + a2 + "\"]}"))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/memberships/" + erin)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"relation\":\"contact\",\"accountIds\":[\"" + a1 + "\"]}"))
        .andExpect(status().isOk());
    assertThat(managerEvents(a1)).containsExactly("\"Erin Easton\"", "null");
    assertThat(managerEvents(a2)).containsExactly("\"Erin Easton\"", "\"Erin Easton\"");
  }

  @Test
  void deletingManyNeedsConfirmationAndRemovesLoginsRowsAndAssignments() throws Exception {
    String one = newManager();
    String two = newManager();
    UUID account = UUID.randomUUID();
    mvc.perform(
            put("/admin/account-managers/" + one + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + account + "\"]}"))
        .andExpect(status().isOk());
    mvc.perform(
            delete("/admin/account-managers").param("ids", one, two).header("Authorization", ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("confirm"));
    mvc.perform(
            delete("/admin/account-managers")
                .param("ids", one, two)
                .param("confirm", "true")
                .header("Authorization", ADMIN))
        .andExpect(status().isNoContent());
    verify(keycloak).deleteUser(one);
    verify(keycloak).deleteUser(two);
    mvc.perform(get("/admin/account-managers/" + one).header("Authorization", ADMIN))
        .andExpect(status().isNotFound());
    assertThat(
            jdbc.sql("SELECT count(*) FROM account_membership WHERE account_id = :a")
                .param("a", account)
                .query(Integer.class)
                .single())
        .isZero();
    mvc.perform(
            delete("/admin/account-managers")
                .param("ids", "no-such-manager")
                .param("confirm", "true")
                .header("Authorization", ADMIN))
        .andExpect(status().isNotFound());
  }

  private void assign(String managerId, UUID account) throws Exception {
    mvc.perform(
            put("/admin/account-managers/" + managerId + "/accounts")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"accountIds\":[\"" + account + "\"]}"))
        .andExpect(status().isOk());
  }

  private static ProblemException keycloakDown() {
    return new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Keycloak is not answering");
  }

  @Test
  void whenKeycloakFailsOnTheThirdOfFourDeletionsTheFirstTwoAreGoneAndTheThirdAndFourthAreWhole()
      throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    List<UUID> accounts = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(newManager());
      accounts.add(UUID.randomUUID());
      assign(ids.get(i), accounts.get(i));
    }
    doThrow(keycloakDown()).when(keycloak).deleteUser(ids.get(2));

    mvc.perform(
            delete("/admin/account-managers")
                .param("ids", ids.toArray(String[]::new))
                .param("confirm", "true")
                .header("Authorization", ADMIN))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/service-unavailable"))
        .andExpect(jsonPath("$.service").value("Keycloak"))
        .andExpect(jsonPath("$.deleted").value(Matchers.contains(ids.get(0), ids.get(1))))
        .andExpect(jsonPath("$.notDeleted").value(Matchers.contains(ids.get(2), ids.get(3))))
        .andExpect(header().exists("Retry-After"));

    for (int i : List.of(0, 1)) {
      verify(keycloak).deleteUser(ids.get(i));
      mvc.perform(get("/admin/account-managers/" + ids.get(i)).header("Authorization", ADMIN))
          .andExpect(status().isNotFound());
      mvc.perform(get("/admin/users/" + ids.get(i)).header("Authorization", ADMIN))
          .andExpect(status().isNotFound());
    }
    // the third: Keycloak kept the login, so its rows, its account and its mirror came back
    mvc.perform(get("/admin/account-managers/" + ids.get(2)).header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(accounts.get(2).toString())));
    mvc.perform(get("/admin/users/" + ids.get(2)).header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.type").value("account_executive"));
    mvc.perform(
            get("/access/me")
                .header(
                    "Authorization",
                    "Bearer " + TestJwts.token(ids.get(2), "am", "account_executive")))
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(accounts.get(2).toString())));
    // the fourth was not touched at all
    verify(keycloak, never()).deleteUser(ids.get(3));
    mvc.perform(get("/admin/account-managers/" + ids.get(3)).header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.accountIds").value(Matchers.contains(accounts.get(3).toString())));

    // Keycloak is back: deleting the rest works
    org.mockito.Mockito.reset(keycloak);
    mvc.perform(
            delete("/admin/account-managers")
                .param("ids", ids.get(2), ids.get(3))
                .param("confirm", "true")
                .header("Authorization", ADMIN))
        .andExpect(status().isNoContent());
    assertThat(
            jdbc.sql("SELECT count(*) FROM account_membership WHERE account_id IN (:a)")
                .param("a", accounts)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void whenKeycloakRefusesAnEditTheManagersDetailsStayAsTheyWere() throws Exception {
    String id = newManager();
    String before =
        mvc.perform(get("/admin/account-managers/" + id).header("Authorization", ADMIN))
            .andReturn()
            .getResponse()
            .getContentAsString();
    doThrow(keycloakDown()).when(keycloak).updateUser(eq(id), any());
    mvc.perform(
            put("/admin/account-managers/" + id)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"name\":\"Renamed Person\",\"employeeId\":\"E-"
                        + unique()
                        + "\",\"primaryEmail\":\"new@peakhub.example\"}"))
        .andExpect(status().isServiceUnavailable());
    mvc.perform(get("/admin/account-managers/" + id).header("Authorization", ADMIN))
        .andExpect(content().json(before, org.springframework.test.json.JsonCompareMode.STRICT));
  }

  @Test
  void whenKeycloakRefusesToDisableAUserTheyStayEnabledHere() throws Exception {
    String tag = unique();
    String zoe = "z-" + tag;
    users.upsert(
        new KeycloakAdmin.KeycloakUser(
            zoe, "zoe" + tag, "zoe@" + tag + ".example", "Zoe", "Zimmer", true, 0L),
        List.of("customer"),
        Instant.now());
    doThrow(keycloakDown()).when(keycloak).setEnabled(zoe, false);
    mvc.perform(post("/admin/users/" + zoe + "/disable").header("Authorization", ADMIN))
        .andExpect(status().isServiceUnavailable());
    mvc.perform(get("/admin/users/" + zoe).header("Authorization", ADMIN))
        .andExpect(jsonPath("$.enabled").value(true));
  }

  @Test
  void allUsersSearchFilterSortPageAndADisabledUserIsDeniedEverywhere() throws Exception {
    String tag = unique();
    Instant now = Instant.now();
    String zoe = "z-" + tag;
    users.upsert(
        new KeycloakAdmin.KeycloakUser(
            zoe, "zoe" + tag, "zoe@" + tag + ".example", "Zoe", "Zimmer", true, 0L),
        List.of("customer"),
        now);
    users.upsert(
        new KeycloakAdmin.KeycloakUser(
            "a-" + tag, "abe" + tag, "abe@" + tag + ".example", "Abe", "Adams", true, 0L),
        List.of("customer"),
        now);
    mvc.perform(
            put("/admin/memberships/" + zoe)
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"relation\":\"contact\",\"accountIds\":[\"" + UUID.randomUUID() + "\"]}"))
        .andExpect(status().isOk());

    mvc.perform(
            get("/admin/users")
                .param("q", tag)
                .param("sort", "name")
                .header("Authorization", ADMIN))
        .andExpect(jsonPath("$.total").value(2))
        .andExpect(jsonPath("$.items[*].name").value(Matchers.contains("Abe Adams", "Zoe Zimmer")));
    mvc.perform(
            get("/admin/users")
                .param("q", tag)
                .param("sort", "name")
                .param("direction", "desc")
                .param("size", "1")
                .header("Authorization", ADMIN))
        .andExpect(jsonPath("$.items[0].name").value("Zoe Zimmer"))
        .andExpect(jsonPath("$.items[0].profile").value("Customer standard"));
    mvc.perform(get("/admin/users").param("q", "zoe@" + tag).header("Authorization", ADMIN))
        .andExpect(jsonPath("$.total").value(1));

    String zoeToken = "Bearer " + TestJwts.token(zoe, "zoe", "customer");
    mvc.perform(get("/access/me").header("Authorization", zoeToken))
        .andExpect(jsonPath("$.accountIds.length()").value(1));
    mvc.perform(post("/admin/users/" + zoe + "/disable").header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.enabled").value(false));
    verify(keycloak).setEnabled(zoe, false);
    mvc.perform(get("/access/me").header("Authorization", zoeToken))
        .andExpect(jsonPath("$.accountIds").isEmpty());
    mvc.perform(post("/admin/users/" + zoe + "/enable").header("Authorization", ADMIN))
        .andExpect(jsonPath("$.enabled").value(true));
    mvc.perform(get("/access/me").header("Authorization", zoeToken))
        .andExpect(jsonPath("$.accountIds.length()").value(1));

    mvc.perform(
            post("/admin/users/" + zoe + "/reset-password")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"n3w-secret-1\"}"))
        .andExpect(status().isNoContent());
    verify(keycloak).resetPassword(zoe, "n3w-secret-1", true);
    mvc.perform(
            post("/admin/users/" + zoe + "/reset-password")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"short\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("password"));
    mvc.perform(get("/admin/users").param("sort", "salary").header("Authorization", ADMIN))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("sort"));
    mvc.perform(post("/admin/users/no-such-user/disable").header("Authorization", ADMIN))
        .andExpect(status().isNotFound());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /admin/users",
        "GET /admin/users/u-1",
        "POST /admin/users/u-1/disable",
        "POST /admin/users/u-1/enable",
        "GET /admin/account-managers",
        "GET /admin/account-managers/m-1",
        "DELETE /admin/account-managers?ids=m-1&confirm=true",
        "PUT /admin/settings",
        "POST /admin/users/sync"
      })
  void customersAndAccountExecutivesAreRefusedEveryAdminEndpoint(String endpoint) throws Exception {
    String[] parts = endpoint.split(" ");
    for (String role : List.of("customer", "account_executive")) {
      String token = "Bearer " + TestJwts.token("u-1", "someone", role);
      var request =
          switch (parts[0]) {
            case "GET" -> get(parts[1]);
            case "POST" -> post(parts[1]);
            case "PUT" ->
                put(parts[1])
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"allowManagersToCreateRequests\":true}");
            default -> delete(parts[1]);
          };
      mvc.perform(request.header("Authorization", token)).andExpect(status().isForbidden());
    }
    verify(keycloak, never()).deleteUser(any());
    verify(keycloak, never()).setEnabled(any(), org.mockito.ArgumentMatchers.anyBoolean());
  }

  @Test
  void settingsDefaultOffAndOnlyAdminsChangeThem() throws Exception {
    String customer = "Bearer " + TestJwts.token("c-9", "c", "customer");
    mvc.perform(get("/settings").header("Authorization", customer))
        .andExpect(jsonPath("$.allowManagersToCreateRequests").isBoolean());
    mvc.perform(
            put("/admin/settings")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"allowManagersToCreateRequests\":true}"))
        .andExpect(jsonPath("$.allowManagersToCreateRequests").value(true));
    mvc.perform(get("/settings").header("Authorization", customer))
        .andExpect(jsonPath("$.allowManagersToCreateRequests").value(true));
    mvc.perform(
            put("/admin/settings")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"allowManagersToCreateRequests\":false}"))
        .andExpect(status().isOk());
    mvc.perform(
            put("/admin/settings")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"));
  }
}
