package io.peakhub.platform.problem;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 answers. Every answer has a stable {@code type};
 * none carries a stack trace or an internal message.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String DEFAULT_RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException ex) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
    body.setType(ProblemTypes.of(ex.slug()));
    if (ex.field() != null) {
      body.setProperty("field", ex.field());
    }
    ex.properties().forEach(body::setProperty);
    if (ex instanceof ServiceUnavailableException unavailable) {
      body.setProperty("service", unavailable.service());
      return ResponseEntity.status(ex.status())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(unavailable.retryAfterSeconds()))
          .body(body);
    }
    if (ex.status().value() == 503) {
      // every 503 says when to try again, also one passed on from a service further down
      return ResponseEntity.status(ex.status())
          .header(HttpHeaders.RETRY_AFTER, DEFAULT_RETRY_AFTER_SECONDS)
          .body(body);
    }
    return ResponseEntity.status(ex.status()).body(body);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
    return problem(
        new InvalidInputException(
            ex.getName(),
            ex.getName() + ": expected " + ExpectedValue.of(ex.getRequiredType()) + "."));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraint(ConstraintViolationException ex) {
    var violation = ex.getConstraintViolations().iterator().next();
    String path = violation.getPropertyPath().toString();
    String field = path.substring(path.lastIndexOf('.') + 1);
    return problem(
        new InvalidInputException(field, "'" + field + "' " + violation.getMessage() + "."));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
    return problem(
        new ProblemException(
            HttpStatus.FORBIDDEN, "forbidden", "Your profile does not allow this action."));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    log.error("unexpected error: {}", ex.toString(), ex);
    return problem(
        new ProblemException(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Something went wrong on our side. Try again; if it persists, quote the trace id from the response headers."));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                e ->
                    Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
            .toList();
    return invalid(errors);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors body) {
        body.getFieldErrors()
            .forEach(
                e ->
                    errors.add(
                        Map.of(
                            "field",
                            e.getField(),
                            "message",
                            String.valueOf(e.getDefaultMessage()))));
      } else {
        String name = String.valueOf(result.getMethodParameter().getParameterName());
        result
            .getResolvableErrors()
            .forEach(
                e ->
                    errors.add(
                        Map.of("field", name, "message", String.valueOf(e.getDefaultMessage()))));
      }
    }
    return invalid(errors);
  }

  private ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
    ProblemDetail body =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.isEmpty()
                ? "The request is invalid."
                : "'" + errors.get(0).get("field") + "' " + errors.get(0).get("message") + ".");
    body.setType(ProblemTypes.of("invalid-input"));
    if (!errors.isEmpty()) {
      body.setProperty("field", errors.get(0).get("field"));
    }
    body.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(body);
  }

  /**
   * A body the JSON reader refused: which field, and what it expects, without the parser's
   * internals.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    UnreadableBody.Reason reason = UnreadableBody.explain(ex);
    log.debug("unreadable request body: {}", ex.getMostSpecificCause().getMessage());
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, reason.detail());
    body.setType(ProblemTypes.of("unreadable-body"));
    if (reason.field() != null) {
      body.setProperty("field", reason.field());
      body.setProperty(
          "errors", List.of(Map.of("field", reason.field(), "message", reason.message())));
    }
    return ResponseEntity.badRequest().body(body);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (body instanceof ProblemDetail pd
        && (pd.getType() == null || "about:blank".equals(pd.getType().toString()))) {
      pd.setType(ProblemTypes.of(ProblemTypes.slugFor(statusCode)));
    }
    return super.handleExceptionInternal(ex, body, headers, statusCode, request);
  }
}
