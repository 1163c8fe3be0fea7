package io.peakhub.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.peakhub.platform.testapp.PlatformTestApplication;
import io.peakhub.platform.testing.TestJwts;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

@SpringBootTest(
    classes = PlatformTestApplication.class,
    properties =
        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
            + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@AutoConfigureMockMvc
@Import(TestJwts.Decoder.class)
class PathFirstRequestMappingsTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired MockMvc mvc;

  private static final String TOKEN =
      "Bearer " + TestJwts.token(UUID.randomUUID().toString(), "alice", "customer");

  /**
   * A path with a variable is tested against every mapping: Spring asks each one's method first,
   * path first only the mappings whose path matches are asked.
   */
  @Test
  void onlyTheMappingsWhosePathMatchesAreAskedTheRest() throws Exception {
    assertThat(mappings).isInstanceOf(PathFirstRequestMappings.class);
    int count = mappings.getHandlerMethods().size();
    assertThat(count).isGreaterThanOrEqualTo(5);

    var request = new MockHttpServletRequest("GET", "/accounts/" + UUID.randomUUID());
    ServletRequestPathUtils.parseAndCache(request);
    var methodReads = new AtomicInteger();
    var counted =
        new HttpServletRequestWrapper(request) {
          @Override
          public String getMethod() {
            methodReads.incrementAndGet();
            return super.getMethod();
          }
        };

    var handler = (HandlerMethod) mappings.getHandler(counted).getHandler();

    assertThat(handler.getMethod().getName()).isEqualTo("account");
    assertThat(methodReads.get()).isLessThan(count);
  }

  /** The answers when nothing matches are Spring's own, as problem+json. */
  @Test
  void noMatchAnswersAreUnchanged() throws Exception {
    String account = "/accounts/" + UUID.randomUUID();
    mvc.perform(post(account).header("Authorization", TOKEN))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(header().string("Allow", "GET"))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(
            post("/greetings")
                .header("Authorization", TOKEN)
                .contentType(MediaType.TEXT_PLAIN)
                .content("hello"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    mvc.perform(get("/nowhere/" + UUID.randomUUID()).header("Authorization", TOKEN))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.status").value(404));
  }
}
