package io.peakhub.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.observation.ObservationRegistry;
import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.StartedObservations;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestJwts;
import io.peakhub.platform.web.ShapedRequestMappings;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties = {PlatformTestApplication.WITHOUT_DATABASE, "peakhub.http.max-body-bytes=200"})
@AutoConfigureMockMvc
@Import({TestJwts.Decoder.class, ProblemAndSecurityTest.Grants.class})
class ProblemAndSecurityTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String BOB = UUID.randomUUID().toString();
  static final String ALICES_ACCOUNT = UUID.randomUUID().toString();

  @TestConfiguration
  static class Grants {
    @Bean
    AccountAccess accountAccess() {
      return new StaticAccountAccess().grant(ALICE, ALICES_ACCOUNT);
    }
  }

  @Autowired MockMvc mvc;
  @Autowired ObservationRegistry observations;

  private static String bearer(String id, String name) {
    return "Bearer " + TestJwts.token(id, name, "customer");
  }

  /** The request is observed; Spring Security's chain, authentication and authorization are not. */
  @Test
  void noObservationsOfSpringSecuritysOwn() throws Exception {
    var started = StartedObservations.on(observations);

    mvc.perform(get("/accounts/" + ALICES_ACCOUNT).header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isOk());

    assertThat(started.names()).contains("http.server.requests");
    assertThat(started.names()).noneMatch(name -> name.startsWith("spring.security"));
  }

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  /**
   * The mappings are passed over by their path's shape, and requests route as before: a path with a
   * variable, a known path with another method (405), a path one segment longer (404).
   */
  @Test
  void requestMappingsPassedOverByShapeRouteAsBefore() throws Exception {
    assertThat(mappings).isInstanceOf(ShapedRequestMappings.class);
    String alice = bearer(ALICE, "alice");
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT).header("Authorization", alice))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ALICES_ACCOUNT));
    mvc.perform(get("/greetings").header("Authorization", alice))
        .andExpect(status().isMethodNotAllowed());
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT + "/more").header("Authorization", alice))
        .andExpect(status().isNotFound());
  }

  @Test
  void ownerSeesTheirAccount() throws Exception {
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT).header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(ALICES_ACCOUNT));
  }

  @Test
  void anotherCustomerIsRefusedWith404ProblemJson() throws Exception {
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT).header("Authorization", bearer(BOB, "bob")))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/not-found"));
  }

  @Test
  void noTokenIs401ProblemJson() throws Exception {
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/unauthenticated"));
  }

  @Test
  void tokenSignedByAnUnknownKeyIsRefused() throws Exception {
    mvc.perform(
            get("/accounts/" + ALICES_ACCOUNT)
                .header(
                    "Authorization", "Bearer " + TestJwts.forgedToken(ALICE, "alice", "customer")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void malformedIdIs400NamingTheParameter() throws Exception {
    mvc.perform(get("/accounts/not-a-uuid").header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/invalid-input"))
        .andExpect(jsonPath("$.field").value("accountId"));
  }

  @Test
  void validationErrorNamesTheField() throws Exception {
    mvc.perform(
            post("/greetings")
                .header("Authorization", bearer(ALICE, "alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("name"));
  }

  @Test
  void unknownFieldIsRefused() throws Exception {
    mvc.perform(
            post("/greetings")
                .header("Authorization", bearer(ALICE, "alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"isAdmin\":true}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/unreadable-body"))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("isAdmin")));
  }

  /**
   * Each malformed body names the field and what it expects; the parser's Java vocabulary never
   * shows.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "{\"amount\":\"abc\"}                              | amount                | amount: expected a number.",
        "{\"amount\":true}                                 | amount                | amount: expected a number.",
        "{\"amount\":1,\"paymentMethodId\":\"nope\"}        | paymentMethodId       | paymentMethodId: expected a UUID.",
        "{\"amount\":1,\"method\":\"cash\"}                 | method                | method: expected one of card, bank_account.",
        "{\"amount\":1,\"invoiceIds\":[\"x\"]}              | invoiceIds[0]         | invoiceIds[0]: expected a UUID.",
        "{\"amount\":1,\"invoiceIds\":\"x\"}                | invoiceIds            | invoiceIds: expected a list.",
        "{\"amount\":1,\"billTo\":{\"country\":[]}}         | billTo.country        | billTo.country: expected a string.",
        "{\"amount\":1,\"billTo\":{\"zip\":\"1\"}}          | billTo.zip            | unknown field 'billTo.zip'.",
        "{\"amount\":1,\"foo\":1}                          | foo                   | unknown field 'foo'.",
        "{\"amount\":1,\"installments\":99999999999}       | installments          | installments: expected a whole number in range.",
        "{\"amount\":1,\"installments\":\"two\"}            | installments          | installments: expected a whole number.",
        "{\"amount\":1,\"at\":\"yesterday\"}                | at                    | at: expected a date and time such as 2026-01-31T09:30:00Z.",
        "[1,2]                                           |                       | body: expected an object.",
        "{\"amount\":                                     |                       | body is not valid JSON (line 1, column 11).",
        "{amount:1}                                      |                       | body is not valid JSON (line 1, column 2).",
        "~~                                              |                       | body is missing: this endpoint expects a JSON object."
      })
  void malformedBodyNamesTheFieldAndWhatItExpectsWithoutJavaTypes(
      String json, String field, String detail) throws Exception {
    var result =
        mvc.perform(
                post("/payments")
                    .header("Authorization", bearer(ALICE, "alice"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/unreadable-body"))
            .andExpect(jsonPath("$.detail").value(detail));
    if (field == null) {
      result.andExpect(jsonPath("$.field").doesNotExist());
    } else {
      result
          .andExpect(jsonPath("$.field").value(field))
          .andExpect(jsonPath("$.errors[0].field").value(field));
    }
    String body = result.andReturn().getResponse().getContentAsString();
    for (String internal :
        List.of(
            "java.",
            "jackson",
            "io.peakhub",
            "Cannot deserialize",
            "`",
            "BigDecimal",
            "Integer",
            "Instant",
            "String",
            "Payment",
            "Address",
            "PlatformTestApplication",
            "$")) {
      assertThat(body).as("problem body %s mentions %s", body, internal).doesNotContain(internal);
    }
  }

  @Test
  void malformedPathVariableSaysWhatItExpects() throws Exception {
    mvc.perform(get("/accounts/42").header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("accountId: expected a UUID."));
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    mvc.perform(
            post("/greetings")
                .header("Authorization", bearer(ALICE, "alice"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + "x".repeat(500) + "\"}"))
        .andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/payload-too-large"));
  }

  @Test
  void domainConflictKeepsItsStableType() throws Exception {
    mvc.perform(post("/conflicts").header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/duplicate-login-name"));
  }

  @Test
  void unexpectedErrorIs500WithoutInternals() throws Exception {
    mvc.perform(get("/boom").header("Authorization", bearer(ALICE, "alice")))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.type").value("https://peakhub.io/problems/internal-error"))
        .andExpect(
            content().string(Matchers.not(Matchers.containsString("secret internal detail"))))
        .andExpect(content().string(Matchers.not(Matchers.containsString("at io.peakhub"))));
  }

  @Test
  void healthIsOpenWithoutToken() throws Exception {
    mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
  }

  @Test
  void aControlCharacterInAHeaderIsRefusedByTheStrictFirewall(
      @Autowired org.springframework.security.web.firewall.HttpFirewall firewall) throws Exception {
    assertThat(firewall)
        .isInstanceOf(org.springframework.security.web.firewall.StrictHttpFirewall.class);
    mvc.perform(
            get("/accounts/" + ALICES_ACCOUNT)
                .header("Authorization", bearer(ALICE, "alice") + "\u0007"))
        .andExpect(status().isBadRequest());
  }

  @Test
  void theBearerTokenIsReadByThePlatformsResolverInEitherCaseAndAMalformedOneIs401(
      @Autowired
          org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver)
      throws Exception {
    assertThat(resolver.getClass().getSimpleName()).isEqualTo("HeaderBearerTokens");
    mvc.perform(
            get("/accounts/" + ALICES_ACCOUNT)
                .header("Authorization", bearer(ALICE, "alice").replace("Bearer ", "bearer ")))
        .andExpect(status().isOk());
    mvc.perform(get("/accounts/" + ALICES_ACCOUNT).header("Authorization", "Bearer a b"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }
}
