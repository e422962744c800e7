package org.odcsj;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The client library and the CLI stand apart from the server: they use no server package, and the
 * library needs nothing but the JDK, JSON-P and (for events only) the JMS API.
 */
class ClientArchitectureTest {

  // The client and CLI sources are compiled with the tests too: leave out test classes.
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .importPackages("org.odcsj.client", "org.odcsj.cli")
          .that(
              com.tngtech.archunit.base.DescribedPredicate.not(
                  com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith(
                      "Test")));

  @Test
  void clientNeedsOnlyTheJdkJsonPAndJms() {
    classes()
        .that()
        .resideInAPackage("org.odcsj.client..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.odcsj.client..",
            "java..",
            "javax.net..",
            "javax.security.auth..",
            "org.ietf.jgss..",
            "jakarta.json..",
            "jakarta.jms..")
        .check(CLASSES);
  }

  @Test
  void cliUsesTheClientNotTheServer() {
    classes()
        .that()
        .resideInAPackage("org.odcsj.cli..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "org.odcsj.cli..",
            "org.odcsj.client..",
            "java..",
            "picocli..",
            "jakarta.json..",
            "jakarta.jms..",
            "org.apache.qpid.jms..")
        .check(CLASSES);
  }
}
