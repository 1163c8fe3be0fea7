package io.peakhub.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.peakhub.platform.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house rules (platform's ArchitectureRules) over identity-service's features, and one of its
 * own: controllers hold no transactions.
 */
class IdentityArchitectureTest extends ArchitectureRules {

  IdentityArchitectureTest() {
    super("io.peakhub.identity");
  }

  /**
   * A transaction is the service's business; a controller holding one tends to call Keycloak inside
   * it.
   */
  @Test
  void controllersHoldNoTransactions() {
    noMethods()
        .that()
        .areDeclaredInClassesThat()
        .areAnnotatedWith(RestController.class)
        .should()
        .beAnnotatedWith(Transactional.class)
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.peakhub.identity"));
  }
}
