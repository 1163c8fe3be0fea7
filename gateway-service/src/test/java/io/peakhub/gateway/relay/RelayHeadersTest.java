package io.peakhub.gateway.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter;
import org.springframework.http.HttpHeaders;

/**
 * The one pass is made only for the header filters it reproduces (see ReadRelayTest for both ways).
 */
class RelayHeadersTest {

  @Test
  void aHeaderFilterItDoesNotReproduceTurnsTheRelayOff() {
    assertThat(
            RelayHeaders.of(
                List.of(
                    new RemoveHopByHopHeadersFilter(),
                    new RemoveForwardedHeadersFilter(),
                    new GRPCRequestHeadersFilter())))
        .isNotNull();
    // trusted proxies bring the X-Forwarded-* writer
    assertThat(
            RelayHeaders.of(
                List.of(new RemoveHopByHopHeadersFilter(), new XForwardedHeadersFilter(".*"))))
        .isNull();
    // a subclass may do more than its parent
    assertThat(RelayHeaders.of(List.of(new RemoveHopByHopHeadersFilter() {}))).isNull();
  }

  @Test
  void theHopByHopHeadersAreTheFiltersOwnAndForwardedOnesGoOnlyWithTheirFilters() {
    var hopByHop = new RemoveHopByHopHeadersFilter();
    hopByHop.setHeaders(Set.of("X-Private"));
    HttpHeaders browser = new HttpHeaders();
    browser.add("X-Private", "1");
    browser.add("Keep-Alive", "timeout=5"); // not in this filter's own set
    browser.add("Forwarded", "for=203.0.113.9");
    browser.add("X-Forwarded-For", "203.0.113.9");
    browser.add("Host", "gateway.example");
    browser.add("Accept", "application/json");
    browser.add("Accept", "text/plain");

    var out = new DefaultHttpHeaders();
    RelayHeaders.of(List.of(hopByHop, new RemoveXForwardedHeadersFilter()))
        .request(browser, Set.of("accept"), out);
    assertThat(out.names()).containsExactlyInAnyOrder("Keep-Alive", "Forwarded");

    out = new DefaultHttpHeaders();
    RelayHeaders.of(List.of(hopByHop, new RemoveForwardedHeadersFilter()))
        .request(browser, Set.of(), out);
    assertThat(out.names()).containsExactlyInAnyOrder("Keep-Alive", "X-Forwarded-For", "Accept");
    assertThat(out.getAll("Accept")).containsExactly("application/json", "text/plain");
  }

  @Test
  void aFramedResponseLosesItsTransferEncodingAndTheHeadersItsConnectionNames() {
    var route = new DefaultHttpHeaders();
    route.add("Content-Length", "12");
    route.add("Transfer-Encoding", "chunked");
    route.add("Connection", "X-Hop-Back");
    route.add("X-Hop-Back", "1");
    route.add("Set-Cookie", "a=1");
    route.add("Set-Cookie", "b=2");
    route.add("X-Frame-Options", "DENY");
    var hopByHop = new RemoveHopByHopHeadersFilter();
    hopByHop.setHeaders(Set.of("Connection")); // Transfer-Encoding goes because of the length
    HttpHeaders out = new HttpHeaders();
    RelayHeaders.of(List.of(hopByHop)).response(route, Set.of("x-frame-options"), out);
    assertThat(out.headerNames()).containsExactlyInAnyOrder("Content-Length", "Set-Cookie");
    assertThat(out.get("Set-Cookie")).containsExactly("a=1", "b=2");
  }
}
