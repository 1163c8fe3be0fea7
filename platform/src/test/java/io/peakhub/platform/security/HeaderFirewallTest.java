package io.peakhub.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class HeaderFirewallTest {

  // Spring Security's own expressions (StrictHttpFirewall 7.0)
  static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
  static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

  @Test
  void theLoopAgreesWithSpringSecuritysExpressionsOnEveryCharacter() {
    List<String> samples = new ArrayList<>();
    for (int c = 0; c <= 0x10FFFF; c += (c < 0x30000 ? 1 : 97)) {
      String one = new String(Character.toChars(c));
      samples.add(one);
      samples.add("Bearer ab" + one + "cd");
    }
    samples.add("\uD800"); // a lone surrogate
    samples.add("a\uDC00b");
    samples.add("");
    for (String s : samples) {
      assertThat(HeaderFirewall.assignedAndNotControl(s))
          .as("name %s", s.codePoints().boxed().toList())
          .isEqualTo(NAMES.matcher(s).matches());
      assertThat(HeaderFirewall.headerValue(s))
          .as("value %s", s.codePoints().boxed().toList())
          .isEqualTo(VALUES.matcher(s).matches());
    }
  }

  @Test
  void aRequestWithAControlCharacterInAHeaderIsRefusedAndATabInAValueIsNot() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/accounts");
    request.addHeader("X-Note", "a\u0007b");
    request.addHeader("X-Tabbed", "a\tb");
    request.addHeader("X-Unassigned", "a\uFFFEb"); // a noncharacter, never assigned
    var firewalled = HeaderFirewall.strict().getFirewalledRequest(request);
    assertThat(firewalled.getHeader("X-Tabbed")).isEqualTo("a\tb");
    assertThatThrownBy(() -> firewalled.getHeader("X-Note"))
        .isInstanceOf(RequestRejectedException.class);
    assertThatThrownBy(() -> firewalled.getHeader("X-Unassigned"))
        .isInstanceOf(RequestRejectedException.class);
  }
}
