package io.peakhub.platform.problem;

import org.springframework.http.HttpStatus;

/** Input a person can correct: names the field and says what is expected. */
public class InvalidInputException extends ProblemException {

  public InvalidInputException(String field, String detail) {
    super(HttpStatus.BAD_REQUEST, "invalid-input", detail, field);
  }
}
