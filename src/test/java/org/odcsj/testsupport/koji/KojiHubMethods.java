package org.odcsj.testsupport.koji;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.testsupport.koji.KojiTestModel.Build;
import org.odcsj.testsupport.koji.KojiTestModel.Repo;
import org.odcsj.testsupport.koji.KojiTestModel.Rpm;
import org.odcsj.testsupport.koji.KojiTestModel.Tag;
import org.odcsj.testsupport.koji.KojiTestModel.Task;

/**
 * The hub's read calls over a {@link KojiTestModel}, answering with the structs a Koji 1.35 hub
 * sends (same members, nil where the hub has none). Arguments are bound to Koji's signatures by
 * {@link KojiArguments}; an unknown method is a GenericError.
 */
final class KojiHubMethods {
  private final KojiTestModel koji;

  KojiHubMethods(KojiTestModel koji) {
    this.koji = koji;
  }

  Object call(String method, List<Object> params) {
    if (!KojiArguments.known(method)) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "Invalid method: " + method);
    }
    List<Object> p = KojiArguments.bind(method, params);
    synchronized (koji) {
      return switch (method) {
        case "getLastEvent" -> {
          yield event(koji.lastEvent());
        }
        case "getTag" -> {
          Tag tag = tag(p.get(0), event(p, 2));
          yield tag == null ? null : tagStruct(tag);
        }
        case "getFullInheritance" -> {
          yield koji.fullInheritance(requireTag(p.get(0)).id(), event(p, 1));
        }
        case "tagChangedSinceEvent" -> {
          List<Long> ids = new ArrayList<>();
          for (Object id : (List<?>) p.get(1)) {
            ids.add((Long) id);
          }
          yield koji.tagChangedSince(integer(method, p.get(0)), ids);
        }
        case "tagFirstChangeEvent" -> {
          Tag tag = requireTag(p.get(0));
          Object after = p.get(1);
          if (after == null) {
            yield tag.createEvent();
          }
          List<Long> ids = new ArrayList<>(List.of(tag.id()));
          if (!Boolean.FALSE.equals(p.get(2))) {
            koji.fullInheritance(tag.id(), (Long) after)
                .forEach(link -> ids.add((Long) link.get("parent_id")));
          }
          Long first = koji.firstChangeAfter(integer(method, after), ids);
          yield first == null ? null : Math.max(first, tag.createEvent());
        }
        case "queryHistory" -> {
          Map<?, ?> kwargs = (Map<?, ?>) p.get(1);
          Long tagId = kwargs.containsKey("tag") ? requireTag(kwargs.get("tag")).id() : null;
          yield new KojiHistoryTables(koji).query((List<?>) p.get(0), tagId, kwargs);
        }
        case "listTagged" -> {
          Tag tag = requireTag(p.get(0));
          String type = string(p, 7);
          yield koji
              .taggedBuilds(tag.id(), event(p, 1), flag(p, 2), flag(p, 4), string(p, 5))
              .stream()
              .filter(
                  e ->
                      type == null
                          || type.equals("module")
                              == koji.moduleTypeinfo.containsKey(e.getKey().id()))
              .map(e -> buildStruct(e.getKey(), e.getValue()))
              .toList();
        }
        case "listTaggedRPMS" -> {
          yield taggedRpms(p);
        }
        case "getBuild" -> {
          Build b = build(p.get(0));
          yield b == null ? null : buildStruct(b, null);
        }
        case "listRPMs" -> {
          long buildId = integer(method, p.get(0));
          yield koji.rpms.values().stream()
              .filter(r -> r.buildId() == buildId)
              .map(this::rpmStruct)
              .toList();
        }
        case "queryRPMSigs" -> {
          long rpmId = rpmId(p.get(0));
          String sigkey = string(p, 1);
          yield koji.sigs.stream()
              .filter(s -> s.rpmId() == rpmId && (sigkey == null || sigkey.equals(s.sigkey())))
              .map(
                  s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("rpm_id", s.rpmId());
                    m.put("sighash", s.sighash());
                    m.put("sigkey", s.sigkey());
                    return m;
                  })
              .toList();
        }
        case "getRepo" -> {
          Tag tag = requireTag(p.get(0));
          yield koji.repos.stream()
              .filter(r -> r.tagId() == tag.id())
              .reduce((a, b) -> b)
              .map(r -> repoStruct(r, tag))
              .orElse(null);
        }
        case "getTaskChildren" -> {
          long id = integer(method, p.get(0));
          if (flag(p, 2) && !koji.tasks.containsKey(id)) {
            throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "No such task: " + id);
          }
          // like the hub: no such task (strict off) is simply no children
          yield koji.tasks.values().stream()
              .filter(t -> t.parent() != null && t.parent() == id)
              .map(this::taskStruct)
              .toList();
        }
        case "getTaskResult" -> {
          yield taskResult(koji.tasks.get(integer(method, p.get(0))), p.get(1));
        }
        default ->
            throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "Invalid method: " + method);
      };
    }
  }

  private List<Object> taggedRpms(List<Object> p) {
    Tag tag = requireTag(p.get(0));
    List<Map.Entry<Build, Tag>> tagged =
        koji.taggedBuilds(tag.id(), event(p, 1), flag(p, 2), flag(p, 3), string(p, 4));
    Object arch = p.size() > 5 ? p.get(5) : null;
    List<?> arches = arch == null ? null : arch instanceof List<?> l ? l : List.of(arch);
    List<Object> rpms = new ArrayList<>();
    List<Object> builds = new ArrayList<>();
    for (Map.Entry<Build, Tag> e : tagged) {
      builds.add(buildStruct(e.getKey(), e.getValue()));
      for (Rpm r : koji.rpms.values()) {
        if (r.buildId() == e.getKey().id() && (arches == null || arches.contains(r.arch()))) {
          rpms.add(rpmStruct(r));
        }
      }
    }
    return List.of(rpms, builds);
  }

  /** Koji's Task.getResult: only a CLOSED or FAILED task has one; a FAILED one raises its fault. */
  private Object taskResult(Task t, Object raiseFault) {
    if (t == null) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "No such task");
    }
    if (t.state() == KojiTestModel.TASK_CANCELED) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "Task " + t.id() + " is canceled");
    }
    if (t.state() != KojiTestModel.TASK_CLOSED && t.state() != KojiTestModel.TASK_FAILED) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "Task " + t.id() + " is not finished");
    }
    if (t.fault() != null) {
      if (Boolean.FALSE.equals(raiseFault)) {
        return KojiWire.faultStruct(t.fault().code, t.fault().getMessage());
      }
      throw t.fault();
    }
    return t.result();
  }

  private Map<String, Object> taskStruct(Task t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", t.arch());
    m.put("awaited", false);
    m.put("channel_id", 1);
    m.put("completion_time", KojiTestModel.eventTimeText(t.createEvent()));
    m.put("completion_ts", KojiTestModel.eventTs(t.createEvent()));
    m.put("create_time", KojiTestModel.eventTimeText(t.createEvent()));
    m.put("create_ts", KojiTestModel.eventTs(t.createEvent()));
    m.put("host_id", 1);
    m.put("id", t.id());
    m.put("label", t.arch());
    m.put("method", t.method());
    m.put("owner", 1);
    m.put("parent", t.parent());
    m.put("priority", 19);
    m.put("start_time", KojiTestModel.eventTimeText(t.createEvent()));
    m.put("start_ts", KojiTestModel.eventTs(t.createEvent()));
    m.put("state", t.state());
    m.put("waiting", null);
    m.put("weight", 1.0);
    return m;
  }

  private Map<String, Object> event(long id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("ts", KojiTestModel.eventTs(id));
    return m;
  }

  private Map<String, Object> tagStruct(Tag t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arches", t.arches());
    m.put("extra", Map.of());
    m.put("id", t.id());
    m.put("locked", false);
    m.put("maven_include_all", false);
    m.put("maven_support", false);
    m.put("name", t.name());
    m.put("perm", null);
    m.put("perm_id", null);
    return m;
  }

  Map<String, Object> buildStruct(Build b, Tag tag) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("build_id", b.id());
    m.put("completion_time", KojiTestModel.eventTimeText(b.createEvent()));
    m.put("completion_ts", KojiTestModel.eventTs(b.createEvent()));
    m.put("creation_event_id", b.createEvent());
    m.put("creation_time", KojiTestModel.eventTimeText(b.createEvent()));
    m.put("creation_ts", KojiTestModel.eventTs(b.createEvent()));
    m.put("draft", false);
    m.put("epoch", b.epoch());
    m.put("extra", tag == null ? koji.extraOf(b.id()) : null);
    m.put("id", b.id());
    m.put("name", b.name());
    m.put("nvr", b.nvr());
    m.put("owner_name", "kojiadmin");
    m.put("package_name", b.name());
    m.put("release", b.release());
    m.put("state", 1);
    m.put("task_id", null);
    m.put("version", b.version());
    m.put("volume_name", "DEFAULT");
    if (tag != null) {
      m.put("tag_id", tag.id());
      m.put("tag_name", tag.name());
    }
    return m;
  }

  Map<String, Object> rpmStruct(Rpm r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", r.arch());
    m.put("build_id", r.buildId());
    m.put("buildroot_id", null);
    m.put("buildtime", 1_704_067_200L);
    m.put("draft", false);
    m.put("epoch", r.epoch());
    m.put("external_repo_id", 0);
    m.put("external_repo_name", "INTERNAL");
    m.put("extra", null);
    m.put("id", r.id());
    m.put("metadata_only", false);
    m.put("name", r.name());
    m.put("nvr", r.name() + "-" + r.version() + "-" + r.release());
    m.put("payloadhash", r.payloadhash());
    m.put("release", r.release());
    m.put("size", r.size());
    m.put("version", r.version());
    return m;
  }

  private Map<String, Object> repoStruct(Repo r, Tag tag) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("create_event", r.createEvent());
    m.put("create_ts", KojiTestModel.eventTs(r.createEvent()));
    m.put("creation_time", KojiTestModel.eventTimeText(r.createEvent()));
    m.put("dist", false);
    m.put("id", r.id());
    m.put("state", 1);
    m.put("tag_id", tag.id());
    m.put("tag_name", tag.name());
    m.put("task_id", null);
    return m;
  }

  private Tag tag(Object info, long event) {
    for (Tag t : koji.tags.values()) {
      boolean match = info instanceof Long id ? t.id() == id : t.name().equals(info);
      if (match && t.createEvent() <= event) {
        return t;
      }
    }
    return null;
  }

  private Tag requireTag(Object info) {
    Tag tag = tag(info, koji.lastEvent());
    if (tag == null) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "No such tagInfo: " + pythonRepr(info));
    }
    return tag;
  }

  private Build build(Object info) {
    return koji.builds.values().stream()
        .filter(b -> info instanceof Long id ? b.id() == id : b.nvr().equals(info))
        .findFirst()
        .orElse(null);
  }

  private long rpmId(Object info) {
    if (info instanceof Long id) {
      return id;
    }
    return koji.rpms.values().stream()
        .filter(r -> r.nvra().equals(info))
        .findFirst()
        .orElseThrow(
            () ->
                new KojiTestFault(KojiTestFault.GENERIC_ERROR, "No such rpm: " + pythonRepr(info)))
        .id();
  }

  private long event(List<Object> p, int index) {
    Object e = p.size() > index ? p.get(index) : null;
    return e == null ? koji.lastEvent() : (Long) e;
  }

  private static boolean flag(List<Object> p, int index) {
    return p.size() > index && Boolean.TRUE.equals(p.get(index));
  }

  private static String string(List<Object> p, int index) {
    return p.size() > index ? (String) p.get(index) : null;
  }

  private static long integer(String method, Object value) {
    if (value instanceof Long n) {
      return n;
    }
    throw new KojiTestFault(
        KojiTestFault.PARAMETER_ERROR,
        "Invalid type for value '" + value + "' in " + method + ": expected int");
  }

  private static String pythonRepr(Object info) {
    return info instanceof String s ? "'" + s + "'" : String.valueOf(info);
  }
}
