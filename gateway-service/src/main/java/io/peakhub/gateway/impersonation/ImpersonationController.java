package io.peakhub.gateway.impersonation;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * "Login as Customer" for the web app: start (admins only, CSRF-protected like every POST), the
 * banner's state, and exit. Answered by the gateway itself; everything else under /api goes on.
 */
@RestController
@RequestMapping("/api/impersonation")
class ImpersonationController {

  record StartImpersonation(String userId, String reason) {}

  record ImpersonatedUser(String id, String username, String name, String accountName) {}

  record ImpersonationView(
      boolean active, UUID id, ImpersonatedUser user, Instant startedAt, Instant expiresAt) {

    static ImpersonationView of(ActiveImpersonation a) {
      return new ImpersonationView(
          true,
          a.id(),
          new ImpersonatedUser(a.userId(), a.username(), a.name(), a.accountName()),
          a.startedAt(),
          a.expiresAt());
    }
  }

  record Exited(String redirectTo) {}

  private final ImpersonationService impersonations;
  private final ImpersonationProperties properties;

  ImpersonationController(ImpersonationService impersonations, ImpersonationProperties properties) {
    this.impersonations = impersonations;
    this.properties = properties;
  }

  @GetMapping
  Mono<ImpersonationView> state(ServerWebExchange exchange) {
    return impersonations
        .current(exchange)
        .map(ImpersonationView::of)
        .defaultIfEmpty(new ImpersonationView(false, null, null, null, null));
  }

  @PostMapping
  Mono<ResponseEntity<ImpersonationView>> start(
      @RequestBody(required = false) StartImpersonation request, ServerWebExchange exchange) {
    return impersonations
        .current(exchange)
        .flatMap(
            running ->
                Mono.<OAuth2AuthenticationToken>error(
                    new ImpersonationRefused(
                        HttpStatus.CONFLICT,
                        "impersonation-active",
                        "You are already logged in as " + running.username() + ". Exit first.")))
        .switchIfEmpty(
            exchange
                .getPrincipal()
                .filter(
                    p ->
                        p instanceof OAuth2AuthenticationToken t && ImpersonationService.isAdmin(t))
                .cast(OAuth2AuthenticationToken.class)
                .switchIfEmpty(
                    Mono.error(
                        new ImpersonationRefused(
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            "Only admins can log in as a customer."))))
        .flatMap(
            admin -> {
              if (request == null
                  || request.userId() == null
                  || !request.userId().matches("[A-Za-z0-9-]{1,64}")) {
                return Mono.error(
                    new ImpersonationRefused(
                        HttpStatus.BAD_REQUEST,
                        "invalid-input",
                        "userId: expected the id of the user to log in as."));
              }
              if (request.reason() == null
                  || request.reason().isBlank()
                  || request.reason().length() > 500) {
                return Mono.error(
                    new ImpersonationRefused(
                        HttpStatus.BAD_REQUEST,
                        "invalid-input",
                        "reason: say why, in at most 500 characters (it goes to the audit trail)."));
              }
              return impersonations.start(
                  exchange,
                  admin,
                  request.userId(),
                  request.reason().strip(),
                  properties.maxDuration());
            })
        .map(a -> ResponseEntity.status(HttpStatus.CREATED).body(ImpersonationView.of(a)));
  }

  @PostMapping("/exit")
  Mono<Exited> exit(ServerWebExchange exchange) {
    return impersonations
        .end(exchange, "exit", true, true)
        .switchIfEmpty(
            Mono.error(
                new ImpersonationRefused(
                    HttpStatus.CONFLICT,
                    "no-impersonation",
                    "You are not logged in as anyone else.")))
        .thenReturn(new Exited(properties.exitTo()));
  }

  @ExceptionHandler
  ResponseEntity<Object> refused(ImpersonationRefused e) {
    if (e.relayedBody != null) {
      return ResponseEntity.status(e.status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(e.relayedBody);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
    problem.setType(URI.create("https://peakhub.io/problems/" + e.slug));
    return ResponseEntity.status(e.status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler
  ResponseEntity<Object> unreadable(ServerWebInputException e) {
    return refused(
        new ImpersonationRefused(
            HttpStatus.BAD_REQUEST,
            "unreadable-body",
            "body: expected JSON like {\"userId\": \"…\", \"reason\": \"…\"}."));
  }
}
