package org.odcsj.testsupport.koji;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a call's arguments to the hub method's Python signature, as Koji's {@code
 * call_with_argcheck} does: positional arguments first, then a trailing struct with {@code
 * __starstar} as keyword arguments; too many, an unknown or a repeated name, or a missing required
 * argument is a ParameterError. A method taking {@code **kwargs} gets the other keywords as one map
 * after its named parameters.
 */
final class KojiArguments {
  /** name → parameters in order; the first {@code required} of them have no default. */
  private record Signature(int required, List<String> names) {}

  private static final Map<String, Signature> SIGNATURES = new LinkedHashMap<>();

  static {
    sig("getLastEvent", 0, "before", "strict");
    sig("getTag", 1, "tagInfo", "strict", "event", "blocked");
    sig("getFullInheritance", 1, "tag", "event", "reverse");
    sig("tagChangedSinceEvent", 2, "event", "taglist");
    sig(
        "listTagged",
        1,
        "tag",
        "event",
        "inherit",
        "prefix",
        "latest",
        "package",
        "owner",
        "type",
        "strict",
        "extra");
    sig(
        "listTaggedRPMS",
        1,
        "tag",
        "event",
        "inherit",
        "latest",
        "package",
        "arch",
        "rpmsigs",
        "owner",
        "type",
        "strict",
        "extra",
        "draft");
    sig("getBuild", 1, "buildInfo", "strict");
    sig(
        "listRPMs",
        0,
        "buildID",
        "buildrootID",
        "imageID",
        "componentBuildrootID",
        "hostID",
        "arches",
        "queryOpts",
        "draft");
    sig("queryRPMSigs", 0, "rpm_id", "sigkey", "queryOpts");
    sig("getRepo", 1, "tag", "state", "event", "dist");
    sig("getTaskChildren", 1, "task_id", "request", "strict");
    sig("getTaskResult", 1, "taskId", "raise_fault");
    sig("tagFirstChangeEvent", 1, "tag", "after", "inherit");
    sig("queryHistory", 0, "tables");
  }

  /** Methods with {@code **kwargs}: other keywords are bound as one map, after the parameters. */
  private static final java.util.Set<String> VAR_KEYWORDS = java.util.Set.of("queryHistory");

  private static void sig(String method, int required, String... names) {
    SIGNATURES.put(method, new Signature(required, Arrays.asList(names)));
  }

  private KojiArguments() {}

  static boolean known(String method) {
    return SIGNATURES.containsKey(method);
  }

  /** Every parameter of the signature, in order; those not given are null. */
  static List<Object> bind(String method, List<Object> params) {
    Signature signature = SIGNATURES.get(method);
    List<Object> positional = new ArrayList<>(params);
    Map<?, ?> keywords = Map.of();
    if (!positional.isEmpty()
        && positional.get(positional.size() - 1) instanceof Map<?, ?> last
        && Boolean.TRUE.equals(last.get("__starstar"))) {
      keywords = last;
      positional.remove(positional.size() - 1);
    }
    int count = signature.names().size();
    if (positional.size() > count) {
      throw error(
          method + "() takes at most " + count + " arguments (" + positional.size() + " given)");
    }
    List<Object> bound = new ArrayList<>(positional);
    boolean[] given = new boolean[count];
    Map<Object, Object> extra = new LinkedHashMap<>();
    Arrays.fill(given, 0, positional.size(), true);
    while (bound.size() < count) {
      bound.add(null);
    }
    for (Map.Entry<?, ?> keyword : keywords.entrySet()) {
      if ("__starstar".equals(keyword.getKey())) {
        continue;
      }
      int index = signature.names().indexOf(keyword.getKey());
      if (index < 0 && VAR_KEYWORDS.contains(method)) {
        extra.put(keyword.getKey(), keyword.getValue());
        continue;
      }
      if (index < 0) {
        throw error(method + "() got an unexpected keyword argument '" + keyword.getKey() + "'");
      }
      if (given[index]) {
        throw error(method + "() got multiple values for argument '" + keyword.getKey() + "'");
      }
      bound.set(index, keyword.getValue());
      given[index] = true;
    }
    for (int i = 0; i < signature.required(); i++) {
      if (!given[i]) {
        throw error(method + "() missing required argument: '" + signature.names().get(i) + "'");
      }
    }
    if (VAR_KEYWORDS.contains(method)) {
      bound.add(extra);
    }
    return bound;
  }

  private static KojiTestFault error(String message) {
    return new KojiTestFault(KojiTestFault.PARAMETER_ERROR, message);
  }
}
