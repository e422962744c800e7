package org.odcsj;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The house keeps its shape: the dependency rules between bounded contexts. */
@AnalyzeClasses(packages = "org.odcsj", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule apiKnowsNoJmsNorGeneration =
      noClasses()
          .that()
          .resideInAPackage("org.odcsj.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.odcsj.generation..", "org.odcsj.output..", "jakarta.jms..");

  // JSON-P is a parsing library, not the container: sources may read JSON documents with it.
  @ArchTest
  static final ArchRule engineHasNoContainerDependency =
      noClasses()
          .that()
          .resideInAnyPackage("org.odcsj.output..", "org.odcsj.source..", "org.odcsj.selection..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("jakarta..", "org.eclipse.microprofile..")
                  .and(not(resideInAnyPackage("jakarta.json..")))
                  .as("Jakarta EE or MicroProfile APIs other than JSON-P"));

  @ArchTest
  static final ArchRule composeDoesNotKnowGeneration =
      noClasses()
          .that()
          .resideInAPackage("org.odcsj.compose..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.odcsj.generation..", "org.odcsj.api..", "jakarta.jms..");

  @ArchTest
  static final ArchRule kerberosHasNoContainerDependency =
      noClasses()
          .that()
          .resideInAPackage("org.odcsj.security.kerberos..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta..", "org.eclipse.microprofile..");

  // Each static Json.* call looks the provider up through the class loader: use Jsonp.JSON.
  @ArchTest
  static final ArchRule noPerCallJsonProviderLookup =
      noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json");
}
