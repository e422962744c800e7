package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packages a finished build task uploaded, from {@code getTaskResult}: paths relative to Koji's
 * work directory ({@code <topdir>/work}), e.g. {@code tasks/4321/1234321/foo-1.0-1.x86_64.rpm}. A
 * buildArch task answers {@code {rpms, srpms, logs, brootid}}; other tasks answer other shapes and
 * have no packages here.
 */
public record KojiTaskOutput(long taskId, List<String> rpms, List<String> srpms) {
  static KojiTaskOutput from(long taskId, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return new KojiTaskOutput(taskId, List.of(), List.of());
    }
    return new KojiTaskOutput(taskId, paths(map.get("rpms")), paths(map.get("srpms")));
  }

  private static List<String> paths(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    for (Object path : KojiValues.list(value, "task output")) {
      if (!(path instanceof String s)) {
        throw new IllegalArgumentException("task output path is not a string: " + path);
      }
      paths.add(s);
    }
    return paths;
  }
}
