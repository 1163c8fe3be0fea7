package io.peakhub.gateway.problem;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A routed request whose service cannot be reached or breaks the connection before answering (it is
 * down, restarting, or crashed mid-answer) gets 503 {@code service-unavailable} with {@code
 * Retry-After}, and one log line naming the route; not a 500 with a stack trace. Spring Cloud
 * Gateway's chain and the read relay fail the same way, so both get this answer.
 */
@Component
@Order(-2)
class UnreachableServiceHandler implements WebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(UnreachableServiceHandler.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
    Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
    IOException io = ioCause(ex);
    if (route == null || io == null || exchange.getResponse().isCommitted()) {
      return Mono.error(ex);
    }
    log.warn(
        "{} {} on route {} failed: {} ({})",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath().value(),
        route.getId(),
        io.getMessage(),
        io.getClass().getSimpleName());
    exchange.getResponse().getHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
    return Problems.write(
        exchange,
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-unavailable",
        "A service this page needs did not answer. Try again in a few seconds.");
  }

  private static IOException ioCause(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }
}
