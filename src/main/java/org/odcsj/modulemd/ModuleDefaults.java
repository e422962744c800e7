package org.odcsj.modulemd;

import java.util.Map;

/**
 * One {@code modulemd-defaults} v1 document: a module's default stream and profiles. Passed through
 * as written; only the module it is for is read.
 */
public final class ModuleDefaults {

  private final Map<String, Object> root;
  private final Map<String, Object> data;

  ModuleDefaults(Map<String, Object> root) {
    this.root = root;
    this.data = YamlTree.map(root.get("data"), "modulemd-defaults data");
    if (module() == null) {
      throw new ModulemdException("modulemd-defaults data has no module");
    }
  }

  public String module() {
    return YamlTree.text(data, "module", "modulemd-defaults data");
  }

  /** The default stream, or null when the document names none. */
  public String stream() {
    return YamlTree.text(data, "stream", "modulemd-defaults data");
  }

  Map<String, Object> tree() {
    return root;
  }
}
