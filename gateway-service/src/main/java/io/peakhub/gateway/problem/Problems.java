package io.peakhub.gateway.problem;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's own problem+json answers, written by hand where no controller runs (security's
 * entry point, sign-in, load shedding). The detail is the gateway's own text, never user input.
 */
public final class Problems {

  private Problems() {}

  public static Mono<Void> write(
      ServerWebExchange exchange, HttpStatus status, String slug, String detail) {
    var response = exchange.getResponse();
    response.setStatusCode(status);
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    String body =
        "{\"type\":\"https://peakhub.io/problems/"
            + slug
            + "\",\"title\":\""
            + status.getReasonPhrase()
            + "\",\"status\":"
            + status.value()
            + ",\"detail\":\""
            + detail
            + "\"}";
    DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
    return response.writeWith(Mono.just(buffer));
  }
}
