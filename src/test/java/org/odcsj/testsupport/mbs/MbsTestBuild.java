package org.odcsj.testsupport.mbs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module build the MBS protocol test server lists: identity, state, Koji tag, its run-time and
 * build-time module requirements, the base module it was built against (name, stream, stream
 * version), its RPM artifacts and whether it is a scratch build. Its modulemd is written from
 * these, as MBS stores it.
 */
public record MbsTestBuild(
    long id,
    String name,
    String stream,
    long version,
    String context,
    int state,
    Map<String, List<String>> requires,
    String baseName,
    String baseStream,
    long baseStreamVersion,
    List<String> artifacts,
    boolean scratch) {

  public static final int DONE = 3;
  public static final int READY = 5;

  /** A build that is no scratch build. */
  public MbsTestBuild(
      long id,
      String name,
      String stream,
      long version,
      String context,
      int state,
      Map<String, List<String>> requires,
      String baseName,
      String baseStream,
      long baseStreamVersion,
      List<String> artifacts) {
    this(
        id,
        name,
        stream,
        version,
        context,
        state,
        requires,
        baseName,
        baseStream,
        baseStreamVersion,
        artifacts,
        false);
  }

  /** The same build as a scratch build ({@code scratch: true} in MBS's answers). */
  public MbsTestBuild asScratch() {
    return new MbsTestBuild(
        id,
        name,
        stream,
        version,
        context,
        state,
        requires,
        baseName,
        baseStream,
        baseStreamVersion,
        artifacts,
        true);
  }

  public String kojiTag() {
    return "module-" + name + "-" + stream + "-" + version + "-" + context;
  }

  public String nsvc() {
    return name + ":" + stream + ":" + version + ":" + context;
  }

  /** The modulemd v2 document, every string quoted as MBS's libmodulemd writes them. */
  public String modulemd() {
    StringBuilder y = new StringBuilder();
    y.append("---\ndocument: modulemd\nversion: 2\ndata:\n");
    y.append("  name: ").append(q(name)).append('\n');
    y.append("  stream: ").append(q(stream)).append('\n');
    y.append("  version: ").append(version).append('\n');
    y.append("  context: ").append(q(context)).append('\n');
    y.append("  summary: ").append(q("Module " + name)).append('\n');
    y.append("  description: ").append(q("The " + name + " module.")).append('\n');
    y.append("  license:\n    module:\n    - MIT\n");
    y.append("  xmd:\n    mbs:\n      koji_tag: ").append(q(kojiTag())).append('\n');
    y.append("  dependencies:\n  - buildrequires:\n      ")
        .append(baseName)
        .append(": [")
        .append(q(baseStream))
        .append("]\n    requires:\n      ")
        .append(baseName)
        .append(": [")
        .append(q(baseStream))
        .append("]\n");
    requires.forEach(
        (module, streams) -> {
          if (module.equals(baseName)) {
            return; // already required above
          }
          List<String> quoted = new ArrayList<>();
          streams.forEach(s -> quoted.add(q(s)));
          y.append("      ").append(module).append(": [").append(String.join(", ", quoted));
          y.append("]\n");
        });
    y.append("  profiles:\n    default:\n      rpms:\n");
    artifacts.stream()
        .filter(a -> !a.endsWith(".src"))
        .map(a -> a.substring(0, a.lastIndexOf('-', a.lastIndexOf('-') - 1)))
        .distinct()
        .forEach(n -> y.append("      - ").append(q(n)).append('\n'));
    y.append("  artifacts:\n    rpms:\n");
    artifacts.forEach(a -> y.append("    - ").append(q(a)).append('\n'));
    y.append("...\n");
    return y.toString();
  }

  private static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
