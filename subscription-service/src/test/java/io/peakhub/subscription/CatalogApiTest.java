package io.peakhub.subscription;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.ServiceTest;
import io.peakhub.platform.testing.TestJwts;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ServiceTest
class CatalogApiTest {

  static final String ADMIN = "Bearer " + TestJwts.token("admin-1", "ada", "admin");
  static final String CUSTOMER =
      "Bearer " + TestJwts.token(UUID.randomUUID().toString(), "carl", "customer");

  @Autowired MockMvc mvc;

  private ResultActions post(String path, String token, String body) throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
            .header("Authorization", token)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }

  @Test
  void theSeededCatalogHasPlansInDollarsEurosAndYenAtTheirCurrencysScale() throws Exception {
    mvc.perform(get("/catalog/plans").param("currency", "JPY").header("Authorization", CUSTOMER))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].currency", everyItem(is("JPY"))))
        .andExpect(
            jsonPath("$[?(@.code == 'analytics-pro-jpy-monthly')].unitPrice", hasItem(14800)))
        .andExpect(jsonPath("$[?(@.code == 'analytics-pro-jpy-monthly')].trialDays", hasItem(14)));
    mvc.perform(get("/catalog/plans").param("currency", "USD").header("Authorization", CUSTOMER))
        .andExpect(
            jsonPath("$[?(@.code == 'analytics-pro-usd-annual')].billingPeriod", hasItem("annual")))
        .andExpect(
            jsonPath(
                "$[?(@.code == 'analytics-pro-usd-quarterly')].billingPeriod",
                hasItem("quarterly")))
        .andExpect(
            jsonPath("$[?(@.code == 'analytics-pro-usd-monthly')].unitPrice", hasItem(99.0)));
    mvc.perform(get("/catalog/plans").param("currency", "EUR").header("Authorization", CUSTOMER))
        .andExpect(jsonPath("$[*].currency", everyItem(is("EUR"))))
        .andExpect(
            jsonPath("$[?(@.code == 'analytics-pro-eur-monthly')].unitPrice", hasItem(89.0)));
    mvc.perform(get("/catalog/plans").param("currency", "EURO").header("Authorization", CUSTOMER))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("currency"));
  }

  @Test
  void anAdminAddsAProductAndAPlanAndCustomersSeeIt() throws Exception {
    post("/admin/catalog/products", ADMIN, "{\"code\":\"insights\",\"name\":\"Peak Insights\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.code").value("insights"));
    post("/admin/catalog/products", ADMIN, "{\"code\":\"insights\",\"name\":\"Again\"}")
        .andExpect(status().isConflict());
    post(
            "/admin/catalog/plans",
            ADMIN,
            """
        {"code":"insights-jpy-quarterly","productCode":"insights","name":"Peak Insights","billingPeriod":"quarterly",
         "currency":"JPY","unitPrice":30000,"trialDays":0}""")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.unitPrice").value(30000))
        .andExpect(jsonPath("$.productName").value("Peak Insights"));
    mvc.perform(get("/catalog/plans").param("currency", "JPY").header("Authorization", CUSTOMER))
        .andExpect(jsonPath("$[*].code", hasItem("insights-jpy-quarterly")));
    mvc.perform(get("/admin/catalog/products").header("Authorization", ADMIN))
        .andExpect(jsonPath("$[*].code", hasItem("insights")));
  }

  @Test
  void aPlanPriceMustFitItsCurrencyAndThePeriodMustBeKnown() throws Exception {
    post(
            "/admin/catalog/plans",
            ADMIN,
            """
        {"code":"bad-yen","productCode":"analytics","name":"X","billingPeriod":"monthly","currency":"JPY","unitPrice":10.5}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("unitPrice"));
    post(
            "/admin/catalog/plans",
            ADMIN,
            """
        {"code":"bad-period","productCode":"analytics","name":"X","billingPeriod":"weekly","currency":"USD","unitPrice":10}""")
        .andExpect(status().isBadRequest());
    post(
            "/admin/catalog/plans",
            ADMIN,
            """
        {"code":"bad-product","productCode":"nope","name":"X","billingPeriod":"monthly","currency":"USD","unitPrice":10}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("productCode"));
    post(
            "/admin/catalog/plans",
            ADMIN,
            """
        {"code":"bad-price","productCode":"analytics","name":"X","billingPeriod":"monthly","currency":"USD","unitPrice":-1}""")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.field").value("unitPrice"));
  }

  @Test
  void onlyAdminsManageTheCatalog() throws Exception {
    post("/admin/catalog/products", CUSTOMER, "{\"code\":\"sneaky\",\"name\":\"Sneaky\"}")
        .andExpect(status().isForbidden());
    post(
            "/admin/catalog/plans",
            CUSTOMER,
            """
        {"code":"sneaky","productCode":"analytics","name":"X","billingPeriod":"monthly","currency":"USD","unitPrice":1}""")
        .andExpect(status().isForbidden());
    mvc.perform(get("/admin/catalog/plans").header("Authorization", CUSTOMER))
        .andExpect(status().isForbidden());
  }
}
