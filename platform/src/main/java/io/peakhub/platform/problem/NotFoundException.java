package io.peakhub.platform.problem;

import org.springframework.http.HttpStatus;

/** The object does not exist, or the caller may not know it exists: both answer 404 alike. */
public class NotFoundException extends ProblemException {

  public NotFoundException(String what, Object id) {
    super(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " was not found.");
  }
}
