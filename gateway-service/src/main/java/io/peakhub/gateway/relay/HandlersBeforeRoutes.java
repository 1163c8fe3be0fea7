package io.peakhub.gateway.relay;

import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * The handler mappings the dispatcher asks before Spring Cloud Gateway's routes, in its order, so
 * that {@link ReadRelay} relays only what the dispatcher would send to a route.
 *
 * <p>The gateway's own controllers ({@code @RequestMapping}) are known by their path patterns,
 * taken once: a request on such a path, whatever its method, is left to the chains, which answer it
 * as before (the handler, or its 405). Asking the request-mapping lookup itself on every read cost
 * a twentieth of the relay's CPU; a pattern is asked only when the path has its shape ({@link
 * PathShape}). Any other mapping before the routes (the web app's client-route fallback, a router
 * function) is asked per request, as the dispatcher asks it.
 */
record HandlersBeforeRoutes(
    List<OwnPath> ownPaths,
    List<HandlerMapping> others,
    boolean hasRoutes) { // false: the dispatcher has none of Spring Cloud Gateway's routes

  /** A path of one of the gateway's own controllers, and its shape. */
  record OwnPath(PathPattern pattern, PathShape shape) {
    OwnPath(PathPattern pattern) {
      this(pattern, PathShape.of(pattern.getPatternString()));
    }
  }

  /**
   * From the dispatcher's mappings (sorted); without routes when it has none of Spring Cloud
   * Gateway's, and then the relay relays nothing.
   */
  static HandlersBeforeRoutes of(List<HandlerMapping> mappings) {
    List<OwnPath> ownPaths = new ArrayList<>();
    List<HandlerMapping> others = new ArrayList<>();
    for (HandlerMapping mapping : mappings) {
      if (mapping instanceof RoutePredicateHandlerMapping) {
        return new HandlersBeforeRoutes(List.copyOf(ownPaths), List.copyOf(others), true);
      }
      if (mapping instanceof RequestMappingInfoHandlerMapping requestMappings) {
        for (RequestMappingInfo info : requestMappings.getHandlerMethods().keySet()) {
          info.getPatternsCondition().getPatterns().forEach(p -> ownPaths.add(new OwnPath(p)));
        }
      } else {
        others.add(mapping);
      }
    }
    return new HandlersBeforeRoutes(List.of(), List.of(), false);
  }

  /** Whether one of the gateway's own controllers has this path. */
  boolean ownPath(RequestPath path) {
    PathContainer within = path.pathWithinApplication();
    String[] segments = PathShape.segments(within);
    for (OwnPath own : ownPaths) {
      if (own.shape().mayMatch(segments) && own.pattern().matches(within)) {
        return true;
      }
    }
    return false;
  }

  /** Whether another mapping before the routes has a handler for the request. */
  Mono<Boolean> anyOtherHandles(ServerWebExchange exchange) {
    return anyHandles(exchange, 0);
  }

  private Mono<Boolean> anyHandles(ServerWebExchange exchange, int from) {
    if (from == others.size()) {
      return Mono.just(Boolean.FALSE);
    }
    return others
        .get(from)
        .getHandler(exchange)
        .hasElement()
        .flatMap(found -> found ? Mono.just(Boolean.TRUE) : anyHandles(exchange, from + 1));
  }
}
