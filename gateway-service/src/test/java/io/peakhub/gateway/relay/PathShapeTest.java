package io.peakhub.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

class PathShapeTest {

  /** The gateway's route and controller patterns, and patterns of every other kind. */
  static final List<String> PATTERNS =
      List.of(
          "/",
          "/api/**",
          "/api/settings",
          "/api/agents",
          "/api/sandbox/tokens",
          "/api/admin/accounts/{accountId}",
          "/api/admin/account-fields",
          "/api/admin/account-fields/{fieldId}",
          "/api/admin/accounts/{accountId}/fields",
          "/api/accounts/{accountId}/portal-contacts",
          "/api/accounts/*/header/events",
          "/api/impersonation",
          "/api/impersonation/exit",
          "/login/start",
          "/api/{*rest}",
          "/**",
          "/{*all}",
          "/static/**",
          "/a/*",
          "/a/b?",
          "/files/{name}.pdf",
          "/x/{id:\\d+}",
          "/x/{id:[a-z]{2}}",
          "/x/{p:.*}/y",
          "/Case/Mixed",
          "/api/me/",
          "/**/tail",
          "/a//b",
          "api/settings");

  static final List<String> PATHS =
      List.of(
          "/",
          "",
          "//",
          "/api",
          "/api/",
          "/api/settings",
          "/api/settings/",
          "/api/Settings",
          "/api/settings//",
          "/api//settings",
          "/api/sett%69ngs",
          "/api/settings;v=1",
          "/api;v=1/settings",
          "/api/agents",
          "/api/sandbox/tokens",
          "/api/admin/accounts/1",
          "/api/admin/accounts/1/fields",
          "/api/admin/account-fields",
          "/api/admin/account-fields/7",
          "/api/accounts/1/header",
          "/api/accounts/1/header/",
          "/api/accounts/1/header/events",
          "/api/accounts/1/portal-contacts",
          "/api/accounts//header",
          "/api/accounts/1%2F2/header",
          "/api/impersonation",
          "/api/impersonation/exit",
          "/login/start",
          "/static/a/b",
          "/static",
          "/a/",
          "/a/b",
          "/a/bc",
          "/a/b/c",
          "/files/a.pdf",
          "/x/12",
          "/x/ab",
          "/x/a/y",
          "/x/a%2Fb/y",
          "/case/mixed",
          "/Case/Mixed",
          "/api/me",
          "/api/me/",
          "/q/tail",
          "/q/r/tail",
          "/a//b",
          "api/settings");

  /** The shape never passes over a path Spring's own pattern matches, case-sensitive or not. */
  @Test
  void neverPassesOverAPathThePatternMatches() {
    int matched = 0;
    for (boolean caseSensitive : new boolean[] {true, false}) {
      PathPatternParser parser = new PathPatternParser();
      parser.setCaseSensitive(caseSensitive);
      for (String p : PATTERNS) {
        PathPattern pattern;
        try {
          pattern = parser.parse(p);
        } catch (RuntimeException notAPattern) {
          continue; // a pattern Spring refuses is not a route's
        }
        PathShape shape = PathShape.of(p);
        for (String path : PATHS) {
          PathContainer container = PathContainer.parsePath(path);
          if (pattern.matches(container)) {
            matched++;
            assertThat(shape.mayMatch(PathShape.segments(container)))
                .as("%s on %s (case-sensitive %s)", p, path, caseSensitive)
                .isTrue();
          }
        }
      }
    }
    assertThat(matched).as("pairs the patterns match").isGreaterThan(100);
  }

  /**
   * ... and passes over every plain path the gateway's own patterns (the first fourteen) do not
   * match, but for a literal in another case (a parser may ignore case). A path that is not plain
   * (a trailing slash, {@code //}) is always asked.
   */
  @Test
  void passesOverThePlainPathsOfAnotherShape() {
    List<String> asked = new ArrayList<>();
    int passedOver = 0;
    for (String p : PATTERNS.subList(0, 14)) {
      PathPattern pattern = PathPatternParser.defaultInstance.parse(p);
      PathShape shape = PathShape.of(p);
      for (String path : PATHS) {
        PathContainer container = PathContainer.parsePath(path);
        if (!pattern.matches(container) && plain(path)) {
          if (shape.mayMatch(PathShape.segments(container))) {
            asked.add(p + " " + path);
          } else {
            passedOver++;
          }
        }
      }
    }
    assertThat(asked).containsExactly("/api/settings /api/Settings");
    assertThat(passedOver).isGreaterThan(400);
  }

  private static String[] segments(String path) {
    return PathShape.segments(PathContainer.parsePath(path));
  }

  private static boolean plain(String path) {
    return path.equals("/")
        || (path.startsWith("/") && !path.endsWith("/") && !path.contains("//"));
  }

  @Test
  void theHeadersPathHasTheShapeOfOnlyTheRouteItGoesTo() {
    PathContainer header = PathContainer.parsePath("/api/accounts/a1/header");
    List<String> mayMatch =
        PATTERNS.subList(0, 14).stream()
            .filter(p -> PathShape.of(p).mayMatch(PathShape.segments(header)))
            .toList();
    assertThat(mayMatch).containsExactly("/api/**");
  }

  @Test
  void aPlainPathsSegmentsAreDecodedWithoutMatrixParameters() {
    assertThat(segments("/")).isEmpty();
    assertThat(segments("/api/accounts/a1/header"))
        .containsExactly("api", "accounts", "a1", "header");
    assertThat(segments("/api;v=1/sett%69ngs")).containsExactly("api", "settings");
    for (String notPlain : List.of("", "//", "/api/", "/api//settings", "api/settings")) {
      assertThat(segments(notPlain)).as(notPlain).isNull();
    }
  }

  @Test
  void patternsOfSeveralAndOfNoShape() {
    PathShape fields =
        PathShape.of(List.of("/api/admin/account-fields", "/api/admin/account-fields/{fieldId}"));
    assertThat(fields.mayMatch(segments("/api/admin/account-fields"))).isTrue();
    assertThat(fields.mayMatch(segments("/api/admin/account-fields/7"))).isTrue();
    assertThat(fields.mayMatch(segments("/api/admin/accounts/7"))).isFalse();
    // one pattern without a shape: the predicate may match anything
    for (String none : List.of("/**/tail", "/a//b", "api/settings", "/api/me/", "")) {
      assertThat(PathShape.of(List.of("/api/settings", none))).as(none).isSameAs(PathShape.ANY);
    }
    assertThat(PathShape.of(List.of())).isSameAs(PathShape.ANY);
    // the rest of the path: none, one or more segments, after the literal ones
    PathShape rest = PathShape.of("/api/{*rest}");
    assertThat(rest.mayMatch(segments("/api"))).isTrue();
    assertThat(rest.mayMatch(segments("/api/a/b/c"))).isTrue();
    assertThat(rest.mayMatch(segments("/apis/a"))).isFalse();
    assertThat(rest.mayMatch(segments("/"))).isFalse();
  }
}
