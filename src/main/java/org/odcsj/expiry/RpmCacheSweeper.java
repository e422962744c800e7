package org.odcsj.expiry;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.config.OdcsConfig;
import org.odcsj.rpm.cache.RpmMetadataCache;

/**
 * Once a day, removes RPM metadata nobody used for {@code odcs.rpm-cache.max-age-days}: the cache
 * of Koji's immutable RPMs would otherwise only grow. Every instance may sweep; they share the
 * directory, and a file swept twice is simply gone.
 */
@Singleton
public class RpmCacheSweeper {

  private static final Logger LOG = Logger.getLogger(RpmCacheSweeper.class.getName());

  @Inject OdcsConfig config;

  @Schedule(hour = "4", minute = "17", persistent = false)
  void sweep() {
    if (!Files.isDirectory(config.rpmCacheDir())) {
      return;
    }
    try {
      int removed =
          new RpmMetadataCache(config.rpmCacheDir(), Clock.systemUTC())
              .sweep(config.rpmCacheMaxAge());
      LOG.info(
          () ->
              "RPM metadata cache "
                  + config.rpmCacheDir()
                  + ": removed "
                  + removed
                  + " entries unused for "
                  + config.rpmCacheMaxAge().toDays()
                  + " days");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Cannot sweep the RPM metadata cache " + config.rpmCacheDir(), e);
    }
  }
}
