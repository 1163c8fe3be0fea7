package io.peakhub.platform.problem;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * Turns a body the JSON reader refused into the field that is wrong and what it expects, in the
 * caller's terms. The parser's own message is never passed on: it names Java types and packages.
 */
final class UnreadableBody {

  /** Longest field path echoed back: an unknown key is the caller's own text. */
  private static final int MAX_FIELD = 100;

  /**
   * {@code field} is the JSON path ({@code billTo.country}, {@code accountIds[2]}), null for the
   * body as a whole.
   */
  record Reason(String field, String message, String detail) {

    Reason(String field, String message) {
      this(field, message, (field == null ? "" : field + ": ") + message + ".");
    }
  }

  private UnreadableBody() {}

  static Reason explain(HttpMessageNotReadableException ex) {
    JacksonException jackson = jacksonCause(ex);
    if (jackson == null) {
      String message = ex.getMessage() == null ? "" : ex.getMessage();
      return new Reason(
          null,
          message.startsWith("Required request body is missing")
              ? "body is missing: this endpoint expects a JSON object"
              : "body could not be read");
    }
    String field = path(jackson);
    if (jackson instanceof PropertyBindingException unknown) {
      // the path ends with the unknown name itself
      String name = field != null ? field : shorten(unknown.getPropertyName());
      return new Reason(name, "unknown field", "unknown field '" + name + "'.");
    }
    if (jackson instanceof InvalidNullException nullValue) {
      return new Reason(
          field, "expected " + ExpectedValue.of(nullValue.getTargetType()) + ", not null");
    }
    if (jackson instanceof MismatchedInputException mismatch) {
      return field == null
          ? new Reason(null, "body: expected " + ExpectedValue.of(mismatch.getTargetType()))
          : new Reason(field, "expected " + ExpectedValue.of(mismatch.getTargetType()));
    }
    if (jackson instanceof InputCoercionException number) {
      return new Reason(
          field, "expected " + ExpectedValue.of(number.getTargetType()) + " in range");
    }
    if (jackson instanceof StreamReadException) {
      return new Reason(
          field,
          (field == null ? "body is not valid JSON" : "is not valid JSON")
              + where(jackson.getLocation()));
    }
    // e.g. a value the target refused while being built: say where, not what the code said
    return new Reason(
        field, field == null ? "body is not valid for this endpoint" : "is not a valid value");
  }

  private static JacksonException jacksonCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JacksonException j) {
        return j;
      }
    }
    return null;
  }

  private static String path(JacksonException ex) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : ex.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : shorten(path.toString());
  }

  private static String shorten(String text) {
    return text.length() <= MAX_FIELD ? text : text.substring(0, MAX_FIELD) + "…";
  }

  private static String where(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
