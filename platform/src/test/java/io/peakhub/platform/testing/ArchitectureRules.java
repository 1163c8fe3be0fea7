package io.peakhub.platform.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The house rules every service's architecture test runs (a service's test extends this and names
 * its base package, e.g. {@code io.peakhub.billing}); a feature is a top-level package under it:
 *
 * <ul>
 *   <li>features do not form cycles;
 *   <li>controllers translate HTTP only: no {@code JdbcClient}, {@code JdbcTemplate} or {@code
 *       MongoTemplate};
 *   <li>a feature's tables are its own: a {@code *Repository} class is used only inside its
 *       package;
 *   <li>nothing depends on another service's module (only on {@code io.peakhub.platform}).
 * </ul>
 *
 * A service lists a known, explained exception with {@link #allowedRepositoryUses()}; the list can
 * only shrink (a listed use that no longer exists fails the test, so it is struck off).
 */
public abstract class ArchitectureRules {

  private static final List<String> STORE_ACCESS =
      List.of(
          "org.springframework.jdbc.core.simple.JdbcClient",
          "org.springframework.jdbc.core.JdbcTemplate",
          "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
          "org.springframework.data.mongodb.core.MongoTemplate");

  private final String basePackage;
  private final JavaClasses classes;

  protected ArchitectureRules(String basePackage) {
    this(
        basePackage,
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(basePackage));
  }

  /** Over classes imported some other way: ArchitectureRulesTest's fixture lives in test code. */
  ArchitectureRules(String basePackage, JavaClasses classes) {
    this.basePackage = basePackage;
    this.classes = classes;
  }

  /**
   * Uses of a repository from outside its package that a service keeps for now, as {@code
   * "OriginSimpleName -> RepositorySimpleName"}, each with its reason next to it in the subclass.
   */
  protected Set<String> allowedRepositoryUses() {
    return Set.of();
  }

  @Test
  void featuresDoNotFormCycles() {
    slices()
        .matching(basePackage + ".(*)..")
        .namingSlices("feature $1")
        .should()
        .beFreeOfCycles()
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void controllersDoNotRunSqlOrQueryTheStore() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Controller")
        .should()
        .dependOnClassesThat(storeAccess())
        .because(
            "controllers translate HTTP; SQL and queries live in the feature's repository or service")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void repositoriesAreUsedOnlyInsideTheirFeature() {
    classes()
        .that()
        .haveSimpleNameEndingWith("Repository")
        .and()
        .areTopLevelClasses()
        .should(beUsedOnlyFromTheirOwnPackage())
        .because(
            "each feature owns its tables; another feature asks its service, not its repository")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void nothingDependsOnAnotherServicesModule() {
    noClasses()
        .should()
        .dependOnClassesThat(anotherService())
        .because("services meet over HTTP and events; platform is the only module they share")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void everyAllowedRepositoryUseStillExists() {
    Set<String> found = new HashSet<>();
    for (JavaClass repository : classes) {
      if (repository.getSimpleName().endsWith("Repository") && repository.isTopLevelClass()) {
        for (Dependency d : repository.getDirectDependenciesToSelf()) {
          found.add(use(d.getOriginClass(), repository));
        }
      }
    }
    Set<String> stale = new TreeSet<>(allowedRepositoryUses());
    stale.removeAll(found);
    if (!stale.isEmpty()) {
      throw new AssertionError(
          "These allowed repository uses no longer exist; strike them off: " + stale);
    }
  }

  /**
   * "Origin -> Repository", naming a nested or lambda class by the top-level class that holds it.
   */
  private static String use(JavaClass origin, JavaClass repository) {
    String outer = origin.getName().replaceAll("\\$.*", "");
    return outer.substring(outer.lastIndexOf('.') + 1) + " -> " + repository.getSimpleName();
  }

  private static DescribedPredicate<JavaClass> storeAccess() {
    return DescribedPredicate.describe(
        "are JdbcClient, JdbcTemplate or MongoTemplate",
        c -> STORE_ACCESS.stream().anyMatch(c::isAssignableTo));
  }

  private DescribedPredicate<JavaClass> anotherService() {
    return DescribedPredicate.describe(
        "another service's classes",
        c ->
            c.getPackageName().startsWith("io.peakhub.")
                && !c.getPackageName().startsWith("io.peakhub.platform")
                && !(c.getPackageName() + ".").startsWith(basePackage + "."));
  }

  private ArchCondition<JavaClass> beUsedOnlyFromTheirOwnPackage() {
    return new ArchCondition<>("be used only from their own package") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        for (Dependency d : repository.getDirectDependenciesToSelf()) {
          JavaClass origin = d.getOriginClass();
          String use = use(origin, repository);
          if (!origin.getPackageName().equals(repository.getPackageName())
              && !allowedRepositoryUses().contains(use)) {
            events.add(SimpleConditionEvent.violated(d, use + ": " + d.getDescription()));
          }
        }
      }
    };
  }
}
