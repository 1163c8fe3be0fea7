package io.peakhub.cases.supportcase;

import io.peakhub.platform.problem.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the user's search text into a safe query: a case number matches exactly, anything else is a
 * literal, case-insensitive "contains" on the subject. The text is length-limited, restricted to
 * the characters a subject search needs (so no {@code $} operators, no regex syntax reaches the
 * store) and regex-escaped anyway, so the regex MongoDB runs is always a plain literal: no
 * injection, no catastrophic backtracking.
 */
final class CaseSearch {

  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N} .,:;'\"#/&@()_-]*");
  private static final Pattern NUMBER =
      Pattern.compile(CaseNumbers.PATTERN, Pattern.CASE_INSENSITIVE);

  private CaseSearch() {}

  /**
   * {@code literal}: the checked text itself, for sources that take a "contains" (ServiceNow's
   * LIKE).
   */
  record Text(String number, String subjectRegex, String literal) {}

  static Text parse(String q, int maxLength) {
    if (q == null || q.isBlank()) {
      return null;
    }
    String text = q.strip();
    if (text.length() > maxLength) {
      throw new InvalidInputException("q", "'q' must be at most " + maxLength + " characters.");
    }
    if (!ALLOWED.matcher(text).matches()) {
      throw new InvalidInputException(
          "q", "'q' may hold letters, digits, spaces and . , : ; ' \" # / & @ ( ) _ - only.");
    }
    if (NUMBER.matcher(text).matches()) {
      return new Text(text.toUpperCase(Locale.ROOT), null, null);
    }
    return new Text(null, escape(text.toLowerCase(Locale.ROOT)), text);
  }

  /** Backslash-escapes every character that is not a letter, digit or space. */
  static String escape(String literal) {
    StringBuilder out = new StringBuilder(literal.length() * 2);
    literal
        .codePoints()
        .forEach(
            cp -> {
              if (!Character.isLetterOrDigit(cp) && cp != ' ') {
                out.append('\\');
              }
              out.appendCodePoint(cp);
            });
    return out.toString();
  }
}
