package org.odcsj.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.odcsj.it.faults.FaultyComposeQueries;
import org.odcsj.it.identity.HeaderCallerResolver;

/**
 * The WAR the black-box tests deploy: the shipped WAR plus the test-only caller resolver (so a test
 * can act as a named user with groups) and the test-only fault injection of the compose queries (a
 * request asks for it by a header). Nothing else differs.
 */
final class TestWar {

  private TestWar() {}

  static Path build(Path dir) throws Exception {
    Path war = Files.createDirectories(dir.resolve("war")).resolve("odcs.war");
    ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("odcs.it.war")))
        .addPackage(HeaderCallerResolver.class.getPackage())
        .addPackage(FaultyComposeQueries.class.getPackage())
        .as(ZipExporter.class)
        .exportTo(war.toFile(), true);
    return war;
  }
}
