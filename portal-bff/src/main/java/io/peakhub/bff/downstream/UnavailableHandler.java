package io.peakhub.bff.downstream;

import io.peakhub.platform.problem.ProblemException;
import io.peakhub.platform.problem.ProblemTypes;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every 503 says when to try again: a downstream call's (with its service named), and the access
 * check's when identity-service does not answer. Other problems are written as the platform writes them.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableHandler {

  private final Duration retryAfter;

  UnavailableHandler(@Value("${peakhub.downstream.retry-after:PT5S}") Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException ex) {
    ProblemDetail body = body(ex);
    body.setProperty("service", ex.service());
    return withRetryAfter(body, ex.retryAfter());
  }

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException ex) {
    ProblemDetail body = body(ex);
    if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      return withRetryAfter(body, retryAfter);
    }
    return ResponseEntity.status(ex.status()).body(body);
  }

  private static ProblemDetail body(ProblemException ex) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ProblemTypes.of(ex.slug()));
    if (ex.field() != null) {
      body.setProperty("field", ex.field());
    }
    return body;
  }

  private static ResponseEntity<ProblemDetail> withRetryAfter(ProblemDetail body, Duration retryAfter) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())))
        .body(body);
  }
}
