package org.odcsj.source.rawconfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;

/**
 * The Pungi command line of a raw config compose, in ODCS's order: the command, {@code
 * --config=<dir>/<file>}, {@code --no-latest-link}, {@code --compose-dir=<dir>}, the configured
 * arguments, the compose type flag (unless the arguments hold one already; unknown types run as
 * {@code --test}), {@code --label=}, {@code --koji-event <n>}, {@code --old-composes <dir>}, one
 * {@code --parent-compose-id=} per parent compose and {@code --respin-of=}.
 */
final class PungiCommandLine {

  private static final Map<String, String> TYPE_FLAGS =
      Map.of("test", "--test", "ci", "--ci", "nightly", "--nightly", "production", "--production");

  private PungiCommandLine() {}

  static List<String> of(
      String command,
      Path config,
      Path composeDir,
      List<String> args,
      ComposeSpec spec,
      Optional<Path> oldComposes) {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    argv.add("--config=" + config);
    argv.add("--no-latest-link");
    argv.add("--compose-dir=" + composeDir);
    argv.addAll(args);
    if (args.stream().noneMatch(TYPE_FLAGS::containsValue)) {
      String type = spec.composeType() == null ? "test" : spec.composeType();
      argv.add(TYPE_FLAGS.getOrDefault(type, "--test"));
    }
    if (spec.label() != null && !spec.label().isEmpty()) {
      argv.add("--label=" + spec.label());
    }
    if (spec.kojiEvent() != null) {
      argv.add("--koji-event");
      argv.add(String.valueOf(spec.kojiEvent()));
    }
    oldComposes.ifPresent(
        dir -> {
          argv.add("--old-composes");
          argv.add(dir.toString());
        });
    for (String parent : SpaceJoined.items(spec.parentPungiComposeIds())) {
      argv.add("--parent-compose-id=" + parent);
    }
    if (spec.respinOf() != null && !spec.respinOf().isEmpty()) {
      argv.add("--respin-of=" + spec.respinOf());
    }
    return List.copyOf(argv);
  }
}
