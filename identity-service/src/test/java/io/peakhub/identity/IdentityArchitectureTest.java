package io.peakhub.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RestController;

/** identity-service's features depend on each other one way only, and controllers translate HTTP without SQL or transactions. */
@AnalyzeClasses(packages = "io.peakhub.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTest {

  @ArchTest
  static final ArchRule featuresHaveNoCycles = slices().matching("io.peakhub.identity.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule controllersDoNotRunSql = noClasses().that().areAnnotatedWith(RestController.class)
      .should().dependOnClassesThat().areAssignableTo(JdbcClient.class);

  /** A transaction is the service's business; a controller holding one tends to call Keycloak inside it. */
  @ArchTest
  static final ArchRule controllersHoldNoTransactions = noMethods().that().areDeclaredInClassesThat()
      .areAnnotatedWith(RestController.class).should().beAnnotatedWith(Transactional.class);
}
