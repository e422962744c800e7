package org.odcsj.source.rawconfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How this server runs raw configs.
 *
 * @param entries {@code raw_config_urls}: name → entry
 * @param pungiCommand the Pungi command ({@code pungi-koji})
 * @param pungiArgs arguments of every run
 * @param pungiArgsByName per raw config arguments replacing {@code pungiArgs}
 * @param pungiTimeoutSeconds seconds a run may take unless its entry says
 * @param validateCommand {@code pungi-config-validate}, run first when present
 * @param schemaOverride the server-wide schema override of the validator
 * @param wrapper the server-wide wrapper template
 * @param lastKojiEvent Koji's last event, asked when a request names none
 */
public record RawConfigSettings(
    Map<String, RawConfigEntry> entries,
    String pungiCommand,
    List<String> pungiArgs,
    Map<String, List<String>> pungiArgsByName,
    long pungiTimeoutSeconds,
    Optional<String> validateCommand,
    Optional<String> schemaOverride,
    Optional<Path> wrapper,
    Optional<LastKojiEvent> lastKojiEvent) {

  /** Koji's {@code getLastEvent()} id. */
  @FunctionalInterface
  public interface LastKojiEvent {
    long id() throws Exception;
  }

  public RawConfigSettings {
    entries = Map.copyOf(entries);
    pungiArgs = List.copyOf(pungiArgs);
    pungiArgsByName = Map.copyOf(pungiArgsByName);
  }

  /** The arguments of the raw config {@code name}. */
  List<String> argsOf(String name) {
    return pungiArgsByName.getOrDefault(name, pungiArgs);
  }

  /** The wrapper of an entry: its own, else the server's. */
  Optional<Path> wrapperOf(RawConfigEntry entry) {
    return entry.wrapper().map(Path::of).or(() -> wrapper);
  }
}
