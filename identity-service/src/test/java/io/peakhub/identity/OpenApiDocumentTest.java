package io.peakhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.OpenApiPageSizes;
import io.peakhub.platform.testing.OpenApiPageSizes.PageSize;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The service publishes its OpenAPI document at /v3/api-docs, without a token, and states the
 * largest page size of every list.
 */
@IdentityTest
class OpenApiDocumentTest {

  @Autowired MockMvc mvc;

  @Test
  void theOpenApiDocumentListsTheApi() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").exists())
        .andExpect(jsonPath("$.paths['/admin/profiles']").exists());
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
            PageSize.of("get", "/admin/users", "size", 100),
            PageSize.of("get", "/admin/impersonations", "limit", 500),
            PageSize.of("get", "/admin/audit", "limit", 500));
  }
}
