package io.peakhub.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.billing.paging.PageLimit;
import io.peakhub.platform.testing.OpenApiPageSizes;
import io.peakhub.platform.testing.OpenApiPageSizes.PageSize;
import io.peakhub.platform.testing.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The OpenAPI document states the largest page size the lists enforce, and the problem answers. */
@ServiceTest
class OpenApiDocumentTest {

  @Autowired MockMvc mvc;

  @Test
  void theInvoiceAndPaymentListsDocumentTheirLargestPageSize() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(
            jsonPath(
                    "$.paths['/accounts/{accountId}/invoices'].get.parameters[?(@.name == 'limit')].schema.maximum")
                .value(org.hamcrest.Matchers.contains(PageLimit.MAX)))
        .andExpect(
            jsonPath(
                    "$.paths['/accounts/{accountId}/invoices'].get.parameters[?(@.name == 'limit')].schema.minimum")
                .value(org.hamcrest.Matchers.contains(1)))
        .andExpect(
            jsonPath(
                    "$.paths['/accounts/{accountId}/payments'].get.parameters[?(@.name == 'limit')].schema.maximum")
                .value(org.hamcrest.Matchers.contains(PageLimit.MAX)));
  }

  @Test
  void everyOperationListsItsProblemAnswersAndWritesTheirConflicts() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.schemas.Problem.properties.type").exists())
        .andExpect(
            jsonPath(
                    "$.paths['/accounts/{accountId}/invoices'].get.responses['404'].content['application/problem+json']")
                .exists())
        .andExpect(
            jsonPath("$.paths['/accounts/{accountId}/invoices'].get.responses['409']")
                .doesNotExist())
        .andExpect(
            jsonPath(
                    "$.paths['/accounts/{accountId}/payments'].post.responses['409'].content['application/problem+json'].schema['$ref']")
                .value("#/components/schemas/Problem"));
  }

  @Test
  void everyPageSizeParameterStatesItsMaximum() throws Exception {
    String document =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(OpenApiPageSizes.withoutMaximum(document)).isEmpty();
    assertThat(OpenApiPageSizes.in(document))
        .contains(
            PageSize.of("get", "/accounts/{accountId}/invoices", "limit", PageLimit.MAX),
            PageSize.of("get", "/accounts/{accountId}/payments", "limit", PageLimit.MAX));
  }
}
