package io.peakhub.cases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * Features depend one way (supportcase uses account's status, never the reverse); controllers never
 * touch the store.
 */
@AnalyzeClasses(packages = "io.peakhub.cases", importOptions = ImportOption.DoNotIncludeTests.class)
class CaseArchitectureTest {

  @ArchTest
  static final ArchRule featuresHaveNoCycles =
      slices().matching("io.peakhub.cases.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule accountKnowsNothingOfCases =
      noClasses()
          .that()
          .resideInAPackage("..cases.account..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("..cases.supportcase..");

  @ArchTest
  static final ArchRule controllersDoNotTouchTheStore =
      noClasses()
          .that()
          .areAnnotatedWith(RestController.class)
          .should()
          .dependOnClassesThat()
          .areAssignableTo(MongoTemplate.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Repository.class);
}
