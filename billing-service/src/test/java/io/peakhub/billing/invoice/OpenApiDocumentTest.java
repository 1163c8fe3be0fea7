package io.peakhub.billing.invoice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.paging.PageLimit;
import io.peakhub.platform.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document states the largest page size the lists enforce. */
@ServiceTest
class OpenApiDocumentTest {

  @Autowired MockMvc mvc;

  @Test
  void theInvoiceAndPaymentListsDocumentTheirLargestPageSize() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/accounts/{accountId}/invoices'].get.parameters[?(@.name == 'limit')].schema.maximum")
            .value(org.hamcrest.Matchers.contains(PageLimit.MAX)))
        .andExpect(jsonPath("$.paths['/accounts/{accountId}/invoices'].get.parameters[?(@.name == 'limit')].schema.minimum")
            .value(org.hamcrest.Matchers.contains(1)))
        .andExpect(jsonPath("$.paths['/accounts/{accountId}/payments'].get.parameters[?(@.name == 'limit')].schema.maximum")
            .value(org.hamcrest.Matchers.contains(PageLimit.MAX)));
  }
}
