package io.peakhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testing.OpenApiPageSizes;
import io.peakhub.platform.testing.OpenApiPageSizes.PageSize;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The service publishes its OpenAPI document at /v3/api-docs, without a token, and states the
 * largest page size of every list.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(CaseTestSupport.Beans.class)
class OpenApiDocumentTest {

  @DynamicPropertySource
  static void mongo(DynamicPropertyRegistry registry) {
    CaseTestSupport.mongo(registry);
  }

  @Autowired MockMvc mvc;

  @Test
  void theOpenApiDocumentListsTheApi() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.openapi").exists())
        .andExpect(jsonPath("$.paths['/accounts/{accountId}/cases']").exists());
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
            PageSize.of("get", "/accounts/{accountId}/cases", "limit", 100),
            PageSize.of("get", "/cases", "limit", 100),
            PageSize.of("get", "/accounts/{accountId}/success/{kind}", "limit", 100));
  }
}
