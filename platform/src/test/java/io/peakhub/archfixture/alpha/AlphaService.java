package io.peakhub.archfixture.alpha;

import io.peakhub.archfixture.beta.BetaRepository;

/**
 * Deliberate violations for ArchitectureRulesTest: uses beta's repository, and beta depends back (a
 * cycle).
 */
public class AlphaService {

  public int count(BetaRepository other) {
    return other.size();
  }
}
