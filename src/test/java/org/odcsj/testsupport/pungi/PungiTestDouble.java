package org.odcsj.testsupport.pungi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A Pungi process test double: a shell script that honours {@code pungi-koji}'s command-line
 * contract ({@code --config=}, {@code --compose-dir=}, {@code --no-latest-link}, the compose type
 * flags, {@code --label=}, {@code --koji-event N}, {@code --old-composes DIR}, {@code
 * --parent-compose-id=}, {@code --respin-of=}) and writes a Pungi-layout compose into the compose
 * directory: {@code STATUS}, {@code compose/metadata/composeinfo.json} (id {@code
 * <release_short>-<release_version>-<date><type suffix>.<respin>}, the respin counting the composes
 * of that id already under {@code --old-composes}), {@code logs/global/pungi.global.log} and {@code
 * logs/global/config-dump.global.log}. It prints each argument on stdout ({@code arg: ...}) and a
 * line on stderr.
 *
 * <p>The configuration chooses the variant with {@code odcs_test_double = "fail"} (an {@code [ERROR
 * ]} in pungi.global.log, exit 1) or {@code "hang"} (starts a child {@code sleep}, prints {@code
 * child pid: N} and {@code pid: N}, then sleeps). {@code release_short}/{@code release_version} are
 * read from the configuration, whether Python ({@code key = "v"}) or a JSON dump ({@code "key":
 * "v"}); the dump it writes is JSON with those keys, {@code from} (the configuration's file name)
 * and {@code variant}.
 */
public final class PungiTestDouble {

  private static final String SCRIPT =
      """
      #!/bin/bash
      # Pungi process test double (see PungiTestDouble.java)
      set -u
      config=""; dir=""; type_suffix=".t"; old=""
      for a in "$@"; do echo "arg: $a"; done
      echo "pungi test double starting" >&2
      echo "server settings in environment: $(env | grep -c '^ODCS_')"
      while [ $# -gt 0 ]; do
        case "$1" in
          --config=*) config="${1#--config=}";;
          --compose-dir=*) dir="${1#--compose-dir=}";;
          --production) type_suffix="";;
          --nightly) type_suffix=".n";;
          --ci) type_suffix=".ci";;
          --test) type_suffix=".t";;
          --koji-event|--old-composes)
            [ "$1" = --old-composes ] && old="$2"; shift;;
        esac
        shift
      done
      [ -f "$config" ] || { echo "no config $config" >&2; exit 2; }
      [ -n "$dir" ] || { echo "no --compose-dir" >&2; exit 2; }
      value_any() { grep -o -E "\\"?$1\\"?[[:space:]]*[=:][[:space:]]*\\"[^\\"]*\\"" "$config" | head -n1 | sed -E 's/.*"([^"]*)"$/\\1/'; }
      short=$(value_any release_short); version=$(value_any release_version); variant=$(value_any odcs_test_double)
      short=${short:-odcs}; version=${version:-1}
      mkdir -p "$dir/compose/metadata" "$dir/logs/global" "$dir/work/global"
      echo STARTED > "$dir/STATUS"
      log="$dir/logs/global/pungi.global.log"
      echo "2026-01-01 00:00:00 [INFO    ] [BEGIN ] ---------- PHASE: INIT ----------" > "$log"
      if [ "$variant" = fail ]; then
        echo "2026-01-01 00:00:01 [ERROR   ] Compose run failed: the test double was told to fail" >> "$log"
        echo "  in phase gather" >> "$log"
        echo DOOMED > "$dir/STATUS"
        exit 1
      fi
      if [ "$variant" = hang ]; then
        sleep 600 &
        echo "child pid: $!"
        echo "pid: $$"
        sleep 600
        exit 0
      fi
      base="$short-$version-$(date +%Y%m%d)$type_suffix"
      respin=0
      if [ -n "$old" ] && [ -d "$old" ]; then
        while [ -e "$old/$base.$respin" ] || [ -L "$old/$base.$respin" ]; do respin=$((respin+1)); done
      fi
      id="$base.$respin"
      printf '{"header": {"type": "productmd.composeinfo", "version": "1.2"}, "payload": {"compose": {"date": "%s", "id": "%s", "respin": %s, "type": "test"}, "release": {"name": "%s", "short": "%s", "version": "%s"}, "variants": {}}}\\n' \\
        "$(date +%Y%m%d)" "$id" "$respin" "$short" "$short" "$version" > "$dir/compose/metadata/composeinfo.json"
      if [ "$variant" != nodump ]; then
        printf '{"from": "%s", "release_short": "%s", "release_version": "%s", "variant": "%s"}\\n' \\
          "$(basename "$config")" "$short" "$version" "$variant" > "$dir/logs/global/config-dump.global.log"
      fi
      echo "$id" > "$dir/COMPOSE_ID"
      echo FINISHED > "$dir/STATUS"
      echo "compose $id finished"
      """;

  private PungiTestDouble() {}

  /**
   * Whether process {@code pid} still runs after {@code grace}: a killed process may need a moment
   * to be reaped, and a zombie (killed, not yet reaped) does not run.
   */
  public static boolean stillRuns(long pid, java.time.Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      boolean runs;
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        runs = !stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
      } catch (IOException gone) {
        runs = false;
      }
      if (!runs || System.nanoTime() > deadline) {
        return runs;
      }
      Thread.sleep(100);
    }
  }

  /** Writes the script as {@code dir/pungi-koji-test-double}, executable; returns its path. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path script = dir.resolve("pungi-koji-test-double");
    Files.writeString(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
