package io.peakhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.identity.keycloak.KeycloakAdmin;
import io.peakhub.platform.testing.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The portal settings: defaults, who may change them, each field validated, and every change
 * audited and announced.
 */
@IdentityTest
class SettingsTest {

  static final String ADMIN = "Bearer " + TestJwts.token("admin-7", "grace", "admin");
  static final String CUSTOMER = "Bearer " + TestJwts.token("c-7", "carol", "customer");
  static final String EXECUTIVE = "Bearer " + TestJwts.token("e-7", "erin", "account_executive");

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @MockitoBean KeycloakAdmin keycloak;

  @AfterEach
  void backToDefaults() throws Exception {
    change(
            ADMIN,
            """
        {"allowManagersToCreateRequests":false,"caseSource":"builtin","caseReopenWindowDays":14,"caseArchiveAfterDays":30}""")
        .andExpect(status().isOk());
  }

  private ResultActions change(String who, String body) throws Exception {
    return mvc.perform(
        put("/admin/settings")
            .header("Authorization", who)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  private int count(String sql) {
    return jdbc.sql(sql).query(Integer.class).single();
  }

  @Test
  void everySignedInUserReadsTheSettingsWithTheirDefaults() throws Exception {
    jdbc.sql("DELETE FROM portal_setting WHERE key <> 'allowManagersToCreateRequests'").update();
    for (String who : new String[] {CUSTOMER, EXECUTIVE}) {
      mvc.perform(get("/settings").header("Authorization", who))
          .andExpect(status().isOk())
          .andExpect(jsonPath("$.caseSource").value("builtin"))
          .andExpect(jsonPath("$.caseReopenWindowDays").value(14))
          .andExpect(jsonPath("$.caseArchiveAfterDays").value(30))
          .andExpect(jsonPath("$.allowManagersToCreateRequests").isBoolean());
    }
  }

  @Test
  void anAdminsChangeIsKeptAuditedWithWhoAndWhatAndAnnouncedToEveryone() throws Exception {
    int events =
        count(
            "SELECT count(*) FROM outbox_event WHERE topic = 'identity.access' AND message_key = '*'");
    change(ADMIN, "{\"caseSource\":\"servicenow\",\"caseReopenWindowDays\":7}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.caseSource").value("servicenow"))
        .andExpect(jsonPath("$.caseReopenWindowDays").value(7))
        .andExpect(jsonPath("$.caseArchiveAfterDays").value(30));
    mvc.perform(get("/settings").header("Authorization", CUSTOMER))
        .andExpect(jsonPath("$.caseSource").value("servicenow"))
        .andExpect(jsonPath("$.caseReopenWindowDays").value(7));
    assertThat(
            count(
                "SELECT count(*) FROM outbox_event WHERE topic = 'identity.access' AND message_key = '*'"))
        .isEqualTo(events + 1);
    mvc.perform(
            get("/admin/audit")
                .param("who", "grace")
                .param("action", "settings.changed")
                .header("Authorization", ADMIN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].userId").value("admin-7"))
        .andExpect(jsonPath("$[0].username").value("grace"))
        .andExpect(
            jsonPath("$[0].detail")
                .value("caseSource: builtin -> servicenow, caseReopenWindowDays: 14 -> 7"));
    assertThat(
            jdbc.sql("SELECT updated_by FROM portal_setting WHERE key = 'caseSource'")
                .query(String.class)
                .single())
        .isEqualTo("grace");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"caseSource\":\"jira\"}                       | caseSource",
        "{\"caseSource\":\"\"}                           | caseSource",
        "{\"caseReopenWindowDays\":0}                    | caseReopenWindowDays",
        "{\"caseReopenWindowDays\":366}                  | caseReopenWindowDays",
        "{\"caseArchiveAfterDays\":0}                    | caseArchiveAfterDays",
        "{\"caseArchiveAfterDays\":3651}                 | caseArchiveAfterDays",
        "{\"caseArchiveAfterDays\":\"soon\"}             | caseArchiveAfterDays",
        "{\"allowManagersToCreateRequests\":\"maybe\"}   | allowManagersToCreateRequests",
        "{\"caseSource\":\"builtin\",\"colour\":\"red\"} | colour"
      })
  void aBadValueIsRefusedNamingTheFieldAndNothingChanges(String body, String field)
      throws Exception {
    int audited = count("SELECT count(*) FROM audit_event WHERE action = 'settings.changed'");
    change(ADMIN, body)
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value(field));
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'settings.changed'"))
        .isEqualTo(audited);
    mvc.perform(get("/settings").header("Authorization", CUSTOMER))
        .andExpect(jsonPath("$.caseSource").value("builtin"))
        .andExpect(jsonPath("$.caseReopenWindowDays").value(14))
        .andExpect(jsonPath("$.caseArchiveAfterDays").value(30));
  }

  @Test
  void theLimitsThemselvesAreAccepted() throws Exception {
    change(ADMIN, "{\"caseReopenWindowDays\":365,\"caseArchiveAfterDays\":3650}")
        .andExpect(status().isOk());
    change(ADMIN, "{\"caseReopenWindowDays\":1,\"caseArchiveAfterDays\":1}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.caseReopenWindowDays").value(1))
        .andExpect(jsonPath("$.caseArchiveAfterDays").value(1));
  }

  @Test
  void customersAndAccountExecutivesCannotChangeThemAndNothingIsAudited() throws Exception {
    int audited = count("SELECT count(*) FROM audit_event WHERE action = 'settings.changed'");
    change(CUSTOMER, "{\"caseSource\":\"servicenow\"}").andExpect(status().isForbidden());
    change(EXECUTIVE, "{\"allowManagersToCreateRequests\":true}").andExpect(status().isForbidden());
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'settings.changed'"))
        .isEqualTo(audited);
    mvc.perform(get("/settings").header("Authorization", CUSTOMER))
        .andExpect(jsonPath("$.caseSource").value("builtin"));
  }
}
