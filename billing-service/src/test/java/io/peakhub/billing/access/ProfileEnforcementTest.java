package io.peakhub.billing.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.peakhub.billing.BillingApi;
import io.peakhub.platform.access.Area;
import io.peakhub.platform.access.Grant;
import io.peakhub.platform.access.Level;
import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestAccess;
import io.peakhub.platform.testing.TestJwts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What a profile grants, per billing endpoint: two users on the same account, one whose grant in
 * the endpoint's area is just enough and one whose grant is one level short.
 */
@ServiceTest
class ProfileEnforcementTest {

  static final StaticAccountAccess GRANTS = TestAccess.GRANTS;

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  private static Map<Area, Grant> only(Area area, Level level) {
    return Map.of(area, new Grant(level, Grant.Scope.all));
  }

  @ParameterizedTest(name = "{0} {1} needs {2} {3}")
  @CsvSource({
    "GET,/summary,my_account,view",
    "GET,/invoices,my_account,view",
    "GET,/payments,my_account,view",
    "GET,/payment-methods,pay_invoices,view",
    "GET,/contacts,my_account,view",
    "POST,/payments,pay_invoices,create",
    "PUT,/contacts/bill-to,my_account,edit",
    "POST,/payment-methods,my_account,edit"
  })
  void eachEndpointNeedsItsAreaAndLevel(String method, String path, Area area, Level needed)
      throws Exception {
    BillingApi api = new BillingApi(mvc);
    UUID account = api.account("USD", "en-US");
    api.invoice(account, "2026-01-01", "10.00");
    String enough = UUID.randomUUID().toString();
    String shortOf = UUID.randomUUID().toString();
    GRANTS.grant(enough, only(area, needed), account.toString());
    GRANTS.grant(shortOf, only(area, Level.values()[needed.ordinal() - 1]), account.toString());
    // the setup's own card, added as an admin
    GRANTS.grantAll("admin-1");
    api.savedCard(BillingApi.ADMIN, account, BillingApi.VISA_OK);

    int shortStatus = call(method, account, path, shortOf);
    int enoughStatus = call(method, account, path, enough);

    assertThat(shortStatus).as("one level short").isEqualTo(403);
    assertThat(enoughStatus).as("just enough").isBetween(200, 201);
  }

  private int call(String method, UUID account, String path, String userId) throws Exception {
    String token = "Bearer " + TestJwts.token(userId, "u-" + userId.substring(0, 4), "customer");
    var request =
        switch (method) {
          case "GET" -> get("/accounts/" + account + path);
          case "PUT" ->
              put("/accounts/" + account + path)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      """
          {"name":"AP","email":"ap@example.com","line1":"Main St 1","city":"Springfield","country":"US"}""");
          default ->
              post("/accounts/" + account + path)
                  .contentType(MediaType.APPLICATION_JSON)
                  .content(
                      path.equals("/payments")
                          ? "{\"amount\":\"1.00\",\"currency\":\"USD\"}"
                          : "{\"type\":\"card\",\"token\":\""
                              + new BillingApi(mvc).cardToken(token, BillingApi.VISA_OK)
                              + "\"}")
                  .header("Idempotency-Key", UUID.randomUUID().toString());
        };
    return mvc.perform(request.header("Authorization", token))
        .andReturn()
        .getResponse()
        .getStatus();
  }
}
