package io.peakhub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

class ShapedRequestMappingsTest {

  static final List<String> PATTERNS =
      List.of(
          "/",
          "/accounts/{accountId}",
          "/api/me",
          "/api/me/",
          "/api/accounts/{accountId}/header",
          "/api/accounts/{accountId}/invoices/{invoiceId}/pdf",
          "/files/{name}.pdf",
          "/api/{*rest}",
          "/static/**",
          "/a/*",
          "/x/{id:\\d+}",
          "/x/{id:[a-z]{2}}",
          "/Case/Mixed",
          "/v3/api-docs",
          "/v3/api-docs/{group}");

  static final List<String> PATHS =
      List.of(
          "/",
          "",
          "/api/me",
          "/api/me/",
          "/api/me//",
          "/api/accounts/1/header",
          "/api/accounts/1/payments",
          "/api/accounts//header",
          "/api/accounts/1/header/",
          "/api/accounts/1;jsessionid=3/header",
          "/api/accou%6Ets/1/heade%72",
          "/api/accounts/1%2F2/header",
          "/api/accounts/1/invoices/2/pdf",
          "/api/accounts/1/invoices/2/pdf/",
          "/files/a.pdf",
          "/api/x/y/z",
          "/static/a/b",
          "/a/",
          "/a/b",
          "/x/12",
          "/x/ab",
          "/case/mixed",
          "/Case/Mixed",
          "/accounts/abc",
          "/accounts/",
          "/v3/api-docs",
          "/v3/api-docs/public");

  /** The shape never passes over a mapping Spring's own pattern would match. */
  @Test
  void neverPassesOverAPathThePatternMatches() {
    for (boolean caseSensitive : new boolean[] {true, false}) {
      PathPatternParser parser = new PathPatternParser();
      parser.setCaseSensitive(caseSensitive);
      for (String p : PATTERNS) {
        PathPattern pattern = parser.parse(p);
        var shape = ShapedRequestMappings.Shape.of(p, caseSensitive);
        for (String path : PATHS) {
          PathContainer elements = PathContainer.parsePath(path);
          if (pattern.matches(elements)) {
            assertThat(shape.mayMatch(elements.elements()))
                .as("%s on %s (case-sensitive %s)", p, path, caseSensitive)
                .isTrue();
          }
        }
      }
    }
  }

  /** ... and passes over most of the others, which is what it is for. */
  @Test
  void passesOverPathsOfAnotherShape() {
    var header = ShapedRequestMappings.Shape.of("/api/accounts/{accountId}/header", true);
    assertThat(header.mayMatch(PathContainer.parsePath("/api/accounts/1/header").elements()))
        .isTrue();
    for (String other :
        List.of(
            "/api/accounts/1/payments",
            "/api/accounts/1/header/",
            "/api/accounts/1",
            "/api/me",
            "/api/accounts/1/invoices/2/pdf")) {
      assertThat(header.mayMatch(PathContainer.parsePath(other).elements())).as(other).isFalse();
    }

    List<String> passedOver = new ArrayList<>();
    int notMatching = 0;
    for (String p : PATTERNS) {
      PathPattern pattern = PathPatternParser.defaultInstance.parse(p);
      var shape = ShapedRequestMappings.Shape.of(p, true);
      for (String path : PATHS) {
        PathContainer elements = PathContainer.parsePath(path);
        if (!pattern.matches(elements)) {
          notMatching++;
          if (!shape.mayMatch(elements.elements())) {
            passedOver.add(p + " " + path);
          }
        }
      }
    }
    assertThat(passedOver.size())
        .as("passed over of %d not matching", notMatching)
        .isGreaterThan(notMatching * 2 / 3);
  }

  /** Patterns that may match more than one segment, or none, are always asked. */
  @Test
  void patternsWithoutAShapeAreAlwaysAsked() {
    for (String p : List.of("/api/{*rest}", "/static/**", "/a/*", "/files/{name}.pdf", "")) {
      assertThat(ShapedRequestMappings.Shape.of(p, true))
          .as(p)
          .isSameAs(ShapedRequestMappings.Shape.ANY);
    }
  }
}
