package io.peakhub.gateway.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.server.PathContainer;

/**
 * What path patterns say about the segments of the paths they can match, checked before the
 * patterns themselves: how many segments, and which are literals. For the header, {@code
 * /api/accounts/{id}/header}, the read relay asked the gateway's controllers' path patterns and
 * eight routes' {@code Path} predicates before the route that matched: 6.6% of the gateway's CPU
 * samples. Their shapes pass over all of them, and path matching fell to 3.1 to 3.7%.
 *
 * <p>A pattern has a shape when it starts with a slash and each of its segments is a literal, or
 * matches exactly one segment ({@code {id}}, {@code *}, {@code a?c}, {@code {id:\d+}}: Spring's
 * {@code PathPattern} matches these within one segment), and only its last may match the rest of
 * the path ({@code **} or {@code {*rest}}, zero segments or more). Any other pattern (empty
 * segments, a trailing slash, {@code **} in the middle) has no shape and may match anything.
 *
 * <p>Only a plain path is checked: a slash, then non-empty segments separated by one slash each.
 * Any other path (a trailing slash, {@code //}) may match every pattern: the patterns decide. A
 * literal is compared with the decoded segment, without matrix parameters (as {@code PathPattern}
 * does), ignoring case (a parser may be made case-insensitive), so the shape never passes over a
 * path the pattern would match: {@code PathShapeTest} checks this against {@code PathPattern}.
 */
final class PathShape {

  /** Patterns, one of which has no shape: they may match any path. */
  static final PathShape ANY = new PathShape(null);

  /**
   * One pattern's segments: per segment the literal, or null where any one segment matches; {@code
   * rest}: any number of further segments (none too) may follow.
   */
  private record Pattern(String[] segments, boolean rest) {}

  /** The patterns, any of which may match; null for {@link #ANY}. */
  private final Pattern[] patterns;

  private PathShape(Pattern[] patterns) {
    this.patterns = patterns;
  }

  /** The shape of path patterns as Spring's {@code PathPatternParser} reads them: any may match. */
  static PathShape of(Collection<String> patterns) {
    List<Pattern> each = new ArrayList<>();
    for (String pattern : patterns) {
      Pattern shape = pattern(pattern);
      if (shape == null) {
        return ANY;
      }
      each.add(shape);
    }
    return each.isEmpty() ? ANY : new PathShape(each.toArray(Pattern[]::new));
  }

  static PathShape of(String pattern) {
    return of(List.of(pattern));
  }

  /** One pattern's segments; null when it has no shape. */
  private static Pattern pattern(String pattern) {
    if (pattern.isEmpty()
        || pattern.charAt(0) != '/'
        || (pattern.length() > 1 && pattern.endsWith("/"))
        || pattern.contains("//")) {
      return null;
    }
    if (pattern.length() == 1) {
      return new Pattern(new String[0], false);
    }
    String[] parts = pattern.substring(1).split("/");
    String last = parts[parts.length - 1];
    boolean rest = last.equals("**") || (last.startsWith("{*") && last.endsWith("}"));
    int count = rest ? parts.length - 1 : parts.length;
    String[] segments = new String[count];
    for (int i = 0; i < count; i++) {
      String part = parts[i];
      if (part.contains("**") || part.contains("{*")) {
        return null; // more than one segment, not at the end
      }
      segments[i] = isLiteral(part) ? part : null;
    }
    return new Pattern(segments, rest);
  }

  /**
   * False only when no path of these segments can match the patterns; {@code path} is {@link
   * #segments(PathContainer)}'s answer, taken once per request (null: not a plain path, which the
   * patterns decide).
   */
  boolean mayMatch(String[] path) {
    if (patterns == null || path == null) {
      return true;
    }
    for (Pattern pattern : patterns) {
      if (mayMatch(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mayMatch(Pattern pattern, String[] path) {
    String[] segments = pattern.segments();
    if (pattern.rest() ? path.length < segments.length : path.length != segments.length) {
      return false;
    }
    for (int i = 0; i < segments.length; i++) {
      if (segments[i] != null && !path[i].equalsIgnoreCase(segments[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * A plain path's segments, decoded and without matrix parameters ({@code /} has none, {@code
   * /a/b} two: a separator and a non-empty segment each); null for any other path.
   */
  static String[] segments(PathContainer path) {
    List<PathContainer.Element> elements = path.elements();
    int size = elements.size();
    if (size == 1 && elements.get(0) instanceof PathContainer.Separator) {
      return new String[0];
    }
    if (size == 0 || size % 2 != 0) {
      return null;
    }
    String[] segments = new String[size / 2];
    for (int i = 0; i < segments.length; i++) {
      if (!(elements.get(2 * i) instanceof PathContainer.Separator)
          || !(elements.get(2 * i + 1) instanceof PathContainer.PathSegment segment)
          || segment.valueToMatch().isEmpty()) {
        return null;
      }
      segments[i] = segment.valueToMatch();
    }
    return segments;
  }

  /** Matched by the segment's decoded value as it is written; else it is a one-segment pattern. */
  private static boolean isLiteral(String part) {
    if (part.isEmpty()) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '{' || c == '}' || c == '*' || c == '?' || c == '\\' || c == ';' || c == '%') {
        return false;
      }
    }
    return true;
  }
}
