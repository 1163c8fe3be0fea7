package io.peakhub.platform.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A domain error that becomes one RFC 9457 answer. The slug is the stable last part of the problem
 * {@code type} URI; clients may switch on it.
 */
public class ProblemException extends RuntimeException {

  private final HttpStatus status;
  private final String slug;
  private final String field;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public ProblemException(HttpStatus status, String slug, String detail, String field) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.field = field;
  }

  public ProblemException(HttpStatus status, String slug, String detail) {
    this(status, slug, detail, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String field() {
    return field;
  }

  /**
   * Adds an extension member to the problem body (RFC 9457 section 3.2), e.g. which items were
   * done.
   */
  public ProblemException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }
}
