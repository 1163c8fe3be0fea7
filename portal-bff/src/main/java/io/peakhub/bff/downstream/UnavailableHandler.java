package io.peakhub.bff.downstream;

import io.peakhub.platform.problem.ProblemTypes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A 503 says when to try again (the platform's handler writes every other problem). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnavailableHandler {

  @ExceptionHandler(ServiceUnavailableException.class)
  ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException ex) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ProblemTypes.of(ex.slug()));
    body.setProperty("service", ex.service());
    return ResponseEntity.status(ex.status())
        .header("Retry-After", Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
        .body(body);
  }
}
