package io.peakhub.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.testing.OpenApiPageSizes.PageSize;
import org.junit.jupiter.api.Test;

class OpenApiPageSizesTest {

  private static final String DOCUMENT =
      """
      {"openapi": "3.1.0", "paths": {
        "/invoices": {"get": {"parameters": [
          {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
          {"name": "after", "in": "query", "schema": {"type": "string"}}]}},
        "/users": {
          "parameters": [{"name": "pageSize", "in": "query", "schema": {"type": "integer"}}],
          "get": {"parameters": [
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 0}},
            {"name": "size", "in": "query", "schema": {"type": "integer", "format": "int32"}}]}},
        "/items/{limit}": {"get": {"parameters": [
          {"name": "limit", "in": "path", "schema": {"type": "integer"}}]}}
      }}
      """;

  @Test
  void findsPageSizeQueryParametersWithTheirMaximum() {
    assertThat(OpenApiPageSizes.in(DOCUMENT))
        .containsExactlyInAnyOrder(
            PageSize.of("get", "/invoices", "limit", 100),
            new PageSize("get", "/users", "pageSize", null),
            new PageSize("get", "/users", "size", null));
  }

  @Test
  void aPageSizeWithoutAMaximumIsReportedAndAPageIndexIsNot() {
    assertThat(OpenApiPageSizes.withoutMaximum(DOCUMENT))
        .extracting(PageSize::name)
        .containsExactlyInAnyOrder("pageSize", "size");
  }
}
