package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class HeaderBearerTokensTest {

  /** What a resolver answered: the token, or the error it threw. */
  static String answer(
      org.springframework.security.oauth2.server.resource.web.BearerTokenResolver resolver,
      MockHttpServletRequest request) {
    try {
      return "token " + resolver.resolve(request);
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  static MockHttpServletRequest request(String authorization) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/accounts");
    if (authorization != null) {
      request.addHeader("Authorization", authorization);
    }
    return request;
  }

  @Test
  void itAnswersAsSpringSecuritysResolverDoes() {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/==",
                "bearer abc",
                "BEARER abc",
                "BeArEr abc=",
                "Bearer abc=d",
                "Bearer ==",
                "Bearer ",
                "Bearer",
                "Bearer  abc",
                "Bearer\tabc",
                "Bearer\u0000abc",
                "Bearer abc\n",
                "Bearer abc ",
                "Bearer ab c",
                "Bearer ab\u00e9c",
                "Bearerabc",
                "Basic YWxpY2U6c2VjcmV0",
                "Bearer: abc",
                "\u0042earer abc",
                "Bearer abc\u017f",
                ""));
    headers.add(null);
    Random random = new Random(7);
    String alphabet = "aZ09-._~+/= \t\n\u0000\u00e9\u017fBbEeRr";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      headers.add(s.toString());
    }
    var spring = new DefaultBearerTokenResolver();
    var ours = new HeaderBearerTokens();
    for (String header : headers) {
      assertThat(answer(ours, request(header)))
          .as("Authorization: %s", header)
          .isEqualTo(answer(spring, request(header)));
    }
  }

  @Test
  void aWellFormedHeaderIsReadWithoutSpringSecuritysExpression() {
    assertThat(HeaderBearerTokens.wellFormed("bearer abc.DEF-_~+/==")).isEqualTo("abc.DEF-_~+/==");
    assertThat(HeaderBearerTokens.wellFormed("Bearer a=b")).isNull();
    assertThat(HeaderBearerTokens.wellFormed("Bearer\u0000abc")).isNull();
    assertThat(HeaderBearerTokens.wellFormed("Basic abc")).isNull();
  }
}
