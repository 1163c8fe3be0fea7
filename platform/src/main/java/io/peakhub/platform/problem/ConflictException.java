package io.peakhub.platform.problem;

import org.springframework.http.HttpStatus;

/**
 * The request is well-formed but clashes with the current state (duplicate, reused key, inactive
 * account).
 */
public class ConflictException extends ProblemException {

  public ConflictException(String slug, String detail) {
    super(HttpStatus.CONFLICT, slug, detail);
  }

  /** A clash one input caused (a name or number taken): {@code field} names it for the form. */
  public ConflictException(String slug, String detail, String field) {
    super(HttpStatus.CONFLICT, slug, detail, field);
  }
}
