package io.peakhub.gateway.relay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * Which configured routes {@link ReadRelay} may serve, and what it must do for them: a route whose
 * filters are only {@code TokenRelay} (the session's own client), {@code RemoveRequestHeader} and
 * {@code RemoveResponseHeader}, with no metadata (timeouts, streaming) and no default filters
 * around it. Any other filter on a route keeps its requests on Spring Cloud Gateway's chain, so a
 * filter added to a route later is never skipped.
 */
@Component
class RelayableRoutes {

  private static final Logger log = LoggerFactory.getLogger(RelayableRoutes.class);

  /** What the relay does for a route: the headers its filters remove, by their lower-case names. */
  record Rules(Set<String> removedRequestHeaders, Set<String> removedResponseHeaders) {}

  private static final Set<String> RELAYED_FILTERS =
      Set.of("TokenRelay", "RemoveRequestHeader", "RemoveResponseHeader");

  private final Map<String, Rules> byRouteId = new HashMap<>();

  RelayableRoutes(GatewayProperties gateway) {
    if (!gateway.getDefaultFilters().isEmpty()) {
      log.info("read relay off: the gateway has default filters {}", gateway.getDefaultFilters());
      return;
    }
    for (RouteDefinition route : gateway.getRoutes()) {
      Rules rules = rules(route);
      if (rules != null) {
        byRouteId.put(route.getId(), rules);
      }
    }
    log.info("read relay serves GET on routes {}", byRouteId.keySet());
  }

  /** The route's rules, or null when the relay must leave its requests to the chains. */
  Rules rules(String routeId) {
    return byRouteId.get(routeId);
  }

  private static Rules rules(RouteDefinition route) {
    if (!route.getMetadata().isEmpty()) {
      return null;
    }
    List<FilterDefinition> filters = route.getFilters();
    boolean relaysToken = false;
    Set<String> request = new HashSet<>();
    Set<String> response = new HashSet<>();
    for (FilterDefinition filter : filters) {
      if (!RELAYED_FILTERS.contains(filter.getName())) {
        return null;
      }
      List<String> args =
          filter.getArgs().values().stream()
              .filter(a -> !a.isBlank())
              .map(a -> a.toLowerCase(Locale.ROOT))
              .toList();
      switch (filter.getName()) {
        case "TokenRelay" -> {
          if (!args.isEmpty()) {
            return null; // a client other than the session's login
          }
          relaysToken = true;
        }
        case "RemoveRequestHeader" -> request.addAll(args);
        default -> response.addAll(args);
      }
    }
    return relaysToken ? new Rules(Set.copyOf(request), Set.copyOf(response)) : null;
  }
}
