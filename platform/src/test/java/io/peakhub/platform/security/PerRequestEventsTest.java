package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.peakhub.platform.access.AccountAccess;
import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.StaticAccountAccess;
import io.peakhub.platform.testing.TestJwts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * A served request publishes no application event to nobody: neither Spring Security's
 * authentication success (every request is authenticated by its token) nor Spring MVC's
 * request-handled event. A failed authentication is still published. On a real Tomcat, as the
 * services run.
 */
@SpringBootTest(
    classes = PlatformTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = PlatformTestApplication.WITHOUT_DATABASE)
@Import({TestJwts.Decoder.class, PerRequestEventsTest.Recorder.class})
class PerRequestEventsTest {

  static final String ALICE = UUID.randomUUID().toString();
  static final String ALICES_ACCOUNT = UUID.randomUUID().toString();

  @TestConfiguration
  static class Recorder {
    final List<ApplicationEvent> events = new CopyOnWriteArrayList<>();

    @Bean
    ApplicationListener<ApplicationEvent> recorder() {
      return events::add;
    }

    @Bean
    AccountAccess accountAccess() {
      return new StaticAccountAccess().grant(ALICE, ALICES_ACCOUNT);
    }
  }

  @LocalServerPort int port;
  @Autowired Recorder recorder;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anAuthenticatedRequestPublishesNothing() throws Exception {
    recorder.events.clear();

    assertThat(get(TestJwts.token(ALICE, "alice", "customer")).statusCode()).isEqualTo(200);

    // the request-handled event would follow the answer, on the request's thread
    Thread.sleep(300);
    assertThat(recorder.events)
        .as("events published while serving an authenticated request")
        .noneMatch(e -> e instanceof AbstractAuthenticationEvent)
        .noneMatch(e -> e instanceof ServletRequestHandledEvent);
  }

  @Test
  void aFailedAuthenticationIsStillPublished() throws Exception {
    recorder.events.clear();

    assertThat(get(TestJwts.forgedToken(ALICE, "alice", "customer")).statusCode()).isEqualTo(401);

    assertThat(recorder.events)
        .anyMatch(e -> e instanceof AuthenticationFailureBadCredentialsEvent)
        .noneMatch(e -> e instanceof AuthenticationSuccessEvent);
  }

  private HttpResponse<String> get(String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/accounts/" + ALICES_ACCOUNT))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
