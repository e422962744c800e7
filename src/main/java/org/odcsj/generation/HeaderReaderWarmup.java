package org.odcsj.generation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.rpm.RpmReaderWarmup;

/**
 * Once, just after the start and off the request path, reads a small RPM of its own until the
 * header reader and SHA-256 are compiled ({@link RpmReaderWarmup}): the first compose that reads
 * thousands of headers then runs compiled code from its first package. About a second of one
 * processor; a failure only costs that compose the warm-up.
 */
@Singleton
@Startup
public class HeaderReaderWarmup {

  private static final Logger LOG = Logger.getLogger(HeaderReaderWarmup.class.getName());

  /**
   * Enough reads of the small package (1,000 headers, 250 MiB hashed) for the JIT to compile the
   * hot code.
   */
  private static final int ROUNDS = 400;

  @Resource TimerService timerService;

  @PostConstruct
  void schedule() {
    timerService.createSingleActionTimer(0, new TimerConfig("odcs-header-reader-warmup", false));
  }

  @Timeout
  void warmUp() {
    long start = System.nanoTime();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("odcsj-warmup-");
      RpmReaderWarmup.run(dir, ROUNDS);
      long ms = (System.nanoTime() - start) / 1_000_000;
      LOG.info(() -> "RPM header reader warmed up in " + ms + " ms");
    } catch (IOException | RuntimeException e) {
      LOG.log(
          Level.WARNING, "RPM header reader warm-up failed (only the first compose is slower)", e);
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          LOG.fine(() -> "Cannot delete " + e.getMessage());
        }
      }
    }
  }
}
