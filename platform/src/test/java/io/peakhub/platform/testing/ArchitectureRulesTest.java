package io.peakhub.platform.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The house rules fail on deliberate violations (io.peakhub.archfixture: alpha and beta depend on
 * each other, alpha uses beta's repository, gamma's controller holds a JdbcClient and uses another
 * service's class), and a listed exception lets one use through.
 */
class ArchitectureRulesTest {

  static final String FIXTURE = "io.peakhub.archfixture";

  static ArchitectureRules rules(Set<String> allowed) {
    return new ArchitectureRules(FIXTURE, new ClassFileImporter().importPackages(FIXTURE)) {
      @Override
      protected Set<String> allowedRepositoryUses() {
        return allowed;
      }
    };
  }

  @Test
  void aCycleBetweenFeaturesFails() {
    assertThatThrownBy(() -> rules(Set.of()).featuresDoNotFormCycles())
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("alpha")
        .hasMessageContaining("beta");
  }

  @Test
  void aControllerWithAJdbcClientFails() {
    assertThatThrownBy(() -> rules(Set.of()).controllersDoNotRunSqlOrQueryTheStore())
        .hasMessageContaining("GammaController")
        .hasMessageContaining("JdbcClient");
  }

  @Test
  void aRepositoryUsedFromAnotherFeatureFailsUnlessListed() {
    assertThatThrownBy(() -> rules(Set.of()).repositoriesAreUsedOnlyInsideTheirFeature())
        .hasMessageContaining("AlphaService -> BetaRepository");
    assertThatCode(
            () ->
                rules(Set.of("AlphaService -> BetaRepository"))
                    .repositoriesAreUsedOnlyInsideTheirFeature())
        .doesNotThrowAnyException();
  }

  @Test
  void aListedUseThatNoLongerExistsFails() {
    assertThatThrownBy(
            () ->
                rules(Set.of("GammaController -> BetaRepository"))
                    .everyAllowedRepositoryUseStillExists())
        .hasMessageContaining("GammaController -> BetaRepository");
  }

  @Test
  void aDependencyOnAnotherServicesModuleFails() {
    assertThatThrownBy(() -> rules(Set.of()).nothingDependsOnAnotherServicesModule())
        .hasMessageContaining("io.peakhub.otherservice.OtherService");
  }
}
