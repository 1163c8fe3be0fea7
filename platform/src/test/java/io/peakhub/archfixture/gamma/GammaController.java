package io.peakhub.archfixture.gamma;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deliberate violations for ArchitectureRulesTest: SQL in a controller, and another service's
 * class.
 */
public class GammaController {

  private final JdbcClient jdbc;

  GammaController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  String other() {
    return io.peakhub.otherservice.OtherService.name();
  }
}
