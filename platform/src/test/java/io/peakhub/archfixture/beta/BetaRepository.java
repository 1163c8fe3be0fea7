package io.peakhub.archfixture.beta;

import io.peakhub.archfixture.alpha.AlphaService;

/** Deliberate violations for ArchitectureRulesTest: the other half of the alpha/beta cycle. */
public class BetaRepository {

  public int size() {
    return 0;
  }

  AlphaService back() {
    return new AlphaService();
  }
}
