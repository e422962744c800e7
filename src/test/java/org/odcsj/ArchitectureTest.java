package org.odcsj;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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
          .resideInAnyPackage(
              "org.odcsj.output..",
              "org.odcsj.rpm..",
              "org.odcsj.fetch..",
              "org.odcsj.parallel..",
              "org.odcsj.selection..",
              "org.odcsj.source.*..")
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

  // The seam itself may find its plug-ins through CDI (ComposeSources), nothing else of the
  // container.
  @ArchTest
  static final ArchRule sourceSeamUsesOnlyCdi =
      noClasses()
          .that()
          .resideInAPackage("org.odcsj.source")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("jakarta..", "org.eclipse.microprofile..")
                  .and(not(resideInAnyPackage("jakarta.enterprise..", "jakarta.inject..")))
                  .as("Jakarta EE or MicroProfile APIs other than CDI"));

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("org.odcsj.(*)..").should().beFreeOfCycles();

  // A new source is a new package and one producer in generation.SourcePlugins, nothing else.
  @ArchTest
  static final ArchRule onlySourcePluginsKnowsConcreteSources =
      noClasses()
          .that()
          .resideOutsideOfPackage("org.odcsj.source.*..")
          .and()
          .doNotHaveFullyQualifiedName("org.odcsj.generation.SourcePlugins")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.odcsj.source.*..");

  @ArchTest
  static final ArchRule sourcesDoNotKnowEachOther =
      slices().matching("org.odcsj.source.(*)..").should().notDependOnEachOther();

  @ArchTest
  static final ArchRule sharedPackagesKnowNoSource =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.odcsj.rpm..",
              "org.odcsj.fetch..",
              "org.odcsj.parallel..",
              "org.odcsj.selection..",
              "org.odcsj.output..",
              "org.odcsj.compose..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.odcsj.source..");

  // Each static Json.* call looks the provider up through the class loader: use Jsonp.JSON.
  @ArchTest
  static final ArchRule noPerCallJsonProviderLookup =
      noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json");
}
