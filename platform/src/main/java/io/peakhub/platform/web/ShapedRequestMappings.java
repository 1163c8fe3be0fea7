package io.peakhub.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's request mappings, each first checked against the shape of the request's path: how
 * many segments it has and what its literal segments say. A path with a variable, such as {@code
 * /api/accounts/{accountId}/header}, is not in Spring MVC's direct-path index, so every request
 * asks every mapping's methods, parameters, headers, media types and then path in turn: in
 * portal-bff, 120 mappings, 12.7% of its CPU for the header. A mapping whose paths cannot have the
 * request's shape is passed over; the others are asked as before, by Spring MVC's own conditions,
 * and the best match, the 405s and the 406s are Spring MVC's.
 *
 * <p>A path pattern has a shape only when each of its segments is a literal or a single {@code
 * {variable}} (one path segment each, as Spring's {@link PathPattern} matches them); a mapping with
 * any other pattern ({@code *}, {@code **}, {@code {*rest}}, a regex with a slash) is always asked.
 */
public class ShapedRequestMappings extends RequestMappingHandlerMapping {

  /** The request's path elements while this mapping looks its handler up (null otherwise). */
  private static final class Lookup {
    List<PathContainer.Element> path;
  }

  private static final ThreadLocal<Lookup> LOOKUP = ThreadLocal.withInitial(Lookup::new);

  /** Each mapping's shape, by identity (copied on write: mappings are registered at start-up). */
  private volatile Map<RequestMappingInfo, Shape> shapes = new IdentityHashMap<>();

  @Override
  protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
    Lookup lookup = LOOKUP.get();
    List<PathContainer.Element> before = lookup.path;
    lookup.path =
        ServletRequestPathUtils.hasParsedRequestPath(request)
            ? ServletRequestPathUtils.getParsedRequestPath(request)
                .pathWithinApplication()
                .elements()
            : null;
    try {
      return super.getHandlerInternal(request);
    } finally {
      lookup.path = before;
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(
      RequestMappingInfo info, HttpServletRequest request) {
    List<PathContainer.Element> path = LOOKUP.get().path;
    if (path != null && !shape(info).mayMatch(path)) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  private Shape shape(RequestMappingInfo info) {
    Shape shape = shapes.get(info);
    if (shape == null) {
      shape = shapeOf(info);
      synchronized (this) {
        Map<RequestMappingInfo, Shape> more = new IdentityHashMap<>(shapes);
        more.put(info, shape);
        shapes = more;
      }
    }
    return shape;
  }

  private Shape shapeOf(RequestMappingInfo info) {
    PathPatternsRequestCondition condition = info.getPathPatternsCondition();
    if (condition == null || condition.getPatterns().isEmpty()) {
      return Shape.ANY;
    }
    boolean caseSensitive = getPatternParser() == null || getPatternParser().isCaseSensitive();
    List<Shape> each =
        condition.getPatterns().stream()
            .map(p -> Shape.of(p.getPatternString(), caseSensitive))
            .toList();
    return each.contains(Shape.ANY) ? Shape.ANY : new Shape(each);
  }

  /**
   * The paths a mapping's patterns can match, by shape: {@link #ANY}, or one of its patterns'
   * element counts and literal segments.
   */
  static final class Shape {

    static final Shape ANY = new Shape(List.of());

    /** One pattern: its elements (separators and segments), a literal or null per position. */
    private record Pattern(String[] literals, boolean caseSensitive) {

      boolean mayMatch(List<PathContainer.Element> path) {
        if (path.size() != literals.length) {
          return false;
        }
        for (int i = 0; i < literals.length; i++) {
          String literal = literals[i];
          if (literal != null) {
            if (!(path.get(i) instanceof PathContainer.PathSegment segment)) {
              return false;
            }
            String value = segment.valueToMatch();
            if (caseSensitive ? !value.equals(literal) : !value.equalsIgnoreCase(literal)) {
              return false;
            }
          }
        }
        return true;
      }
    }

    private final Pattern[] patterns;

    private Shape(List<Shape> each) {
      this.patterns = each.stream().flatMap(s -> Arrays.stream(s.patterns)).toArray(Pattern[]::new);
    }

    private Shape(Pattern pattern) {
      this.patterns = new Pattern[] {pattern};
    }

    /** Whether a path with these elements may match (false only when no pattern can). */
    boolean mayMatch(List<PathContainer.Element> path) {
      if (this == ANY) {
        return true;
      }
      for (Pattern pattern : patterns) {
        if (pattern.mayMatch(path)) {
          return true;
        }
      }
      return false;
    }

    /**
     * A pattern's shape: "/" then segments, each a literal or one {@code {name}} or {@code
     * {name:regex}} without a slash; {@link #ANY} for anything else. The elements alternate: a
     * separator (any path separator matches it: null) and a segment.
     */
    static Shape of(String pattern, boolean caseSensitive) {
      if (pattern.isEmpty() || pattern.charAt(0) != '/' || pattern.contains("//")) {
        return ANY;
      }
      String[] segments = pattern.substring(1).split("/", -1);
      boolean trailingSeparator = pattern.length() > 1 && pattern.endsWith("/");
      int count = pattern.length() == 1 ? 0 : segments.length - (trailingSeparator ? 1 : 0);
      String[] literals = new String[count * 2 + (trailingSeparator || count == 0 ? 1 : 0)];
      for (int i = 0; i < count; i++) {
        String segment = segments[i];
        if (isLiteral(segment)) {
          literals[i * 2 + 1] = segment;
        } else if (!isOneVariable(segment)) {
          return ANY;
        }
      }
      return new Shape(new Pattern(literals, caseSensitive));
    }

    private static boolean isLiteral(String segment) {
      for (int i = 0; i < segment.length(); i++) {
        char c = segment.charAt(i);
        if (c == '{' || c == '}' || c == '*' || c == '?' || c == '\\' || c == ';' || c == '%') {
          return false;
        }
      }
      return !segment.isEmpty();
    }

    private static boolean isOneVariable(String segment) {
      return segment.length() > 2
          && segment.charAt(0) == '{'
          && segment.charAt(1) != '*'
          && segment.indexOf('}') == segment.length() - 1
          && segment.indexOf('{', 1) < 0;
    }
  }
}
