package io.peakhub.cases;

import static io.peakhub.cases.CaseApi.myCases;
import static io.peakhub.cases.CaseTestSupport.IDENTITY;
import static io.peakhub.cases.CaseTestSupport.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.cases.identity.Identity;
import io.peakhub.cases.supportcase.SupportCaseRepository;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.TestAccess;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Account managers: they see every case of their accounts, and open a case on behalf of a contact
 * of their account only while identity's setting allowManagersToCreateRequests is on; a manager of
 * another account is refused either way.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class ManagerOnBehalfTest {

  static final UUID ACME = UUID.randomUUID();
  static final UUID GLOBEX = UUID.randomUUID();
  static final String RITA = UUID.randomUUID().toString(); // Acme contact, restricted
  static final String ERIN = UUID.randomUUID().toString(); // manages Acme
  static final String FRANK = UUID.randomUUID().toString(); // manages Globex only
  static final String ERIN_TOKEN = bearer(ERIN, "erin", "account_executive");
  static final String FRANK_TOKEN = bearer(FRANK, "frank", "account_executive");

  static {
    TestAccess.GRANTS
        .grant(RITA, myCases(Level.create, Grant.Scope.restricted), ACME.toString())
        .grant(ERIN, myCases(Level.full, Grant.Scope.all), ACME.toString())
        .grant(FRANK, myCases(Level.full, Grant.Scope.all), GLOBEX.toString());
  }

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;
  @Autowired SupportCaseRepository cases;
  CaseApi api;

  @BeforeEach
  void acmeHasRita() {
    api = new CaseApi(mvc);
    IDENTITY.contacts.put(ACME.toString(), List.of(new Identity.Contact(RITA, "Rita Requester")));
  }

  @AfterEach
  void settingBackToDefault() {
    IDENTITY.allowManagersToCreateRequests(false);
  }

  static String onBehalfOf(String contactId) {
    return """
        {"subject":"Invoice address wrong","shortDescription":"Please fix","priority":"medium","onBehalfOf":"%s"}"""
        .formatted(contactId);
  }

  @Test
  void managerSeesEveryCaseOfTheirAccountsAndAnotherAccountsManagerNone() throws Exception {
    String ritas = api.opened(bearer(RITA, "rita", "customer"), ACME, "Rita's own case");

    api.list(ERIN_TOKEN, ACME, "")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[*].number", hasItem(ritas)));
    api.detail(ERIN_TOKEN, ACME, ritas).andExpect(status().isOk());
    api.list(FRANK_TOKEN, ACME, "").andExpect(status().isNotFound());
    api.detail(FRANK_TOKEN, ACME, ritas).andExpect(status().isNotFound());
  }

  @Test
  void withTheSettingOnAManagerOpensACaseForAContactAndTheCaseRecordsBoth() throws Exception {
    IDENTITY.allowManagersToCreateRequests(true);

    String json =
        api.open(ERIN_TOKEN, ACME, onBehalfOf(RITA))
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.requesterId").value(RITA))
            .andExpect(jsonPath("$.requesterName").value("Rita Requester"))
            .andExpect(jsonPath("$.openedById").value(ERIN))
            .andExpect(jsonPath("$.openedByName").value("erin"))
            .andExpect(jsonPath("$.activity[0].kind").value("opened"))
            .andExpect(jsonPath("$.activity[0].actorName").value("erin"))
            .andExpect(jsonPath("$.activity[0].text").value("Opened on behalf of Rita Requester"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    String number = com.jayway.jsonpath.JsonPath.read(json, "$.number");

    // the contact, on a restricted profile, sees it as her own case
    api.list(bearer(RITA, "rita", "customer"), ACME, "")
        .andExpect(jsonPath("$.items[*].number", hasItem(number)));
    api.detail(bearer(RITA, "rita", "customer"), ACME, number).andExpect(status().isOk());
  }

  @Test
  void withTheSettingOffTheApiRefusesAndStoresNothing() throws Exception {
    long before = cases.count();

    api.open(ERIN_TOKEN, ACME, onBehalfOf(RITA))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(
            jsonPath("$.type")
                .value(org.hamcrest.Matchers.endsWith("managers-may-not-create-requests")));
    mvc.perform(
            get("/accounts/" + ACME + "/cases/on-behalf-of").header("Authorization", ERIN_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.allowed").value(false))
        .andExpect(jsonPath("$.contacts").isEmpty());

    assertThat(cases.count()).isEqualTo(before);
  }

  @Test
  void aManagerOfAnotherAccountIsRefusedEitherWay() throws Exception {
    long before = cases.count();
    api.open(FRANK_TOKEN, ACME, onBehalfOf(RITA)).andExpect(status().isNotFound());
    IDENTITY.allowManagersToCreateRequests(true);
    api.open(FRANK_TOKEN, ACME, onBehalfOf(RITA)).andExpect(status().isNotFound());
    mvc.perform(
            get("/accounts/" + ACME + "/cases/on-behalf-of").header("Authorization", FRANK_TOKEN))
        .andExpect(status().isNotFound());
    assertThat(cases.count()).isEqualTo(before);
  }

  @Test
  void withTheSettingOnTheFormListsTheAccountsContacts() throws Exception {
    IDENTITY.allowManagersToCreateRequests(true);
    mvc.perform(
            get("/accounts/" + ACME + "/cases/on-behalf-of").header("Authorization", ERIN_TOKEN))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.allowed").value(true))
        .andExpect(jsonPath("$.contacts[0].id").value(RITA));
  }

  @Test
  void aManagerNamesAContactOfTheAccountAndOnlyManagersNameAnyone() throws Exception {
    IDENTITY.allowManagersToCreateRequests(true);
    long before = cases.count();
    api.open(ERIN_TOKEN, ACME, onBehalfOf(UUID.randomUUID().toString()))
        .andExpect(status().isBadRequest());
    api.open(ERIN_TOKEN, ACME, CaseApi.openCaseBody("No contact named"))
        .andExpect(status().isBadRequest());
    api.open(bearer(RITA, "rita", "customer"), ACME, onBehalfOf(RITA))
        .andExpect(status().isForbidden());
    assertThat(cases.count()).isEqualTo(before);
  }
}
