package io.peakhub.cases.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.peakhub.platform.access.AccessChangeListener;
import io.peakhub.platform.access.AccessProperties;
import io.peakhub.platform.problem.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClient;

/**
 * The settings client against a stubbed identity-service: tolerant reading, the short cache, the
 * invalidation.
 */
class IdentityClientTest {

  static final WireMockServer IDENTITY =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    IDENTITY.start();
  }

  @AfterAll
  static void stop() {
    IDENTITY.stop();
  }

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T12:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  IdentityClient client;

  @BeforeEach
  void signedIn() {
    IDENTITY.resetAll();
    client =
        new IdentityClient(
            RestClient.builder(),
            clock,
            IDENTITY.baseUrl(),
            AccessProperties.defaults(),
            Duration.ofSeconds(5));
    Jwt jwt =
        Jwt.withTokenValue("alice-token")
            .header("alg", "none")
            .subject("u1")
            .claim("preferred_username", "alice")
            .build();
    SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
  }

  @AfterEach
  void signedOut() {
    SecurityContextHolder.clearContext();
  }

  static void settingsAre(String json) {
    IDENTITY.stubFor(
        get(urlPathEqualTo("/settings"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(json)));
  }

  @Test
  void fieldsIdentityDoesNotSendYetTakeTheirDefaultsAndNewOnesAreRead() {
    settingsAre("{\"allowManagersToCreateRequests\":true}");
    PortalSettings settings = client.settings();
    assertThat(settings.allowManagersToCreateRequests()).isTrue();
    assertThat(settings.caseSource()).isEqualTo("builtin");
    assertThat(settings.reopenWindow(Duration.ofDays(14))).isEqualTo(Duration.ofDays(14));
    IDENTITY.verify(
        getRequestedFor(urlPathEqualTo("/settings"))
            .withHeader("Authorization", equalTo("Bearer alice-token")));

    client.forgetSettings();
    settingsAre(
        """
        {"allowManagersToCreateRequests":false,"caseSource":"servicenow","caseReopenWindowDays":7,
         "caseArchiveAfterDays":60,"somethingElse":1}""");
    settings = client.settings();
    assertThat(settings.servicenow()).isTrue();
    assertThat(settings.reopenWindow(Duration.ofDays(14))).isEqualTo(Duration.ofDays(7));
    assertThat(settings.archiveAfter(Duration.ofDays(30))).isEqualTo(Duration.ofDays(60));
    assertThat(client.lastKnown()).isEqualTo(settings);
  }

  @Test
  void settingsAreKeptAFewSecondsAndDroppedWhenIdentityAnnouncesAChangeForEveryone() {
    settingsAre("{\"allowManagersToCreateRequests\":false}");
    client.settings();
    client.settings();
    IDENTITY.verify(1, getRequestedFor(urlPathEqualTo("/settings")));

    settingsAre("{\"allowManagersToCreateRequests\":true}");
    client.on(new AccessChangeListener.AccessChanged("some-user"));
    assertThat(client.settings().allowManagersToCreateRequests())
        .as("one user's change keeps the settings")
        .isFalse();
    client.on(new AccessChangeListener.AccessChanged("*"));
    assertThat(client.settings().allowManagersToCreateRequests()).isTrue();

    settingsAre("{\"allowManagersToCreateRequests\":false}");
    now.set(now.get().plusSeconds(6));
    assertThat(client.settings().allowManagersToCreateRequests())
        .as("expired after the ttl")
        .isFalse();
  }

  @Test
  void identityDownIsA503() {
    IDENTITY.stubFor(get(urlPathEqualTo("/settings")).willReturn(aResponse().withStatus(500)));
    assertThatThrownBy(client::settings).isInstanceOf(ServiceUnavailableException.class);
  }
}
