package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read calls the Koji-based sources need, with typed results. Arguments are positional (no
 * {@code __starstar} keyword struct); an {@code event} of {@code null} means "now". A fault is
 * thrown as {@link KojiFault}, an answer of the wrong shape as {@link KojiException}.
 */
public final class KojiQueries {
  private final KojiHub hub;

  public KojiQueries(KojiHub hub) {
    this.hub = hub;
  }

  public KojiEvent lastEvent() {
    return read("getLastEvent", KojiEvent::from);
  }

  /** The tag by name, at {@code event}; empty when Koji has no such tag. */
  public Optional<KojiTag> tag(String name, Long event) {
    return readOptional(KojiCall.of("getTag", name, false, event), KojiTag::from);
  }

  /** Every ancestor of the tag, in the order Koji's listings follow (getFullInheritance). */
  public List<KojiInheritance> fullInheritance(long tagId, Long event) {
    return readList(KojiCall.of("getFullInheritance", tagId, event), KojiInheritance::from);
  }

  public boolean tagChangedSinceEvent(long event, Collection<Long> tagIds) {
    return read(
        KojiCall.of("tagChangedSinceEvent", event, new ArrayList<>(tagIds)),
        v -> {
          if (v instanceof Boolean b) {
            return b;
          }
          throw new IllegalArgumentException("not a boolean");
        });
  }

  /**
   * {@code listTaggedRPMS(tag, event, inherit, latest, package, arch)}: {@code arches} empty means
   * every arch; {@code packageName} null means every package.
   */
  public KojiTaggedRpms taggedRpms(
      String tag,
      Long event,
      boolean inherit,
      boolean latest,
      String packageName,
      List<String> arches) {
    Object arch = arches == null || arches.isEmpty() ? null : new ArrayList<Object>(arches);
    return read(
        KojiCall.of("listTaggedRPMS", tag, event, inherit, latest, packageName, arch),
        KojiTaggedRpms::from);
  }

  /**
   * {@code listTaggedRPMS(tag, event, inherit, latest, package)} for each package name, through
   * {@code multiCall}; every name is a key of the answer, in the given order.
   */
  public Map<String, KojiTaggedRpms> taggedRpmsOfPackages(
      String tag, long event, boolean inherit, Collection<String> packageNames) {
    List<KojiCall> calls =
        packageNames.stream()
            .map(name -> KojiCall.of("listTaggedRPMS", tag, event, inherit, true, name, null))
            .toList();
    Map<String, KojiTaggedRpms> listings = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      String name = (String) result.call().params().get(4);
      listings.put(name, convert(result.call(), result.value(), KojiTaggedRpms::from));
    }
    return listings;
  }

  /**
   * The history rows of {@code tables} for each tag ({@code queryHistory(tables, tag=…,
   * afterEvent=…, beforeEvent=…, queryOpts={limit})}), through {@code multiCall}: rows created or
   * revoked after {@code afterEvent}; Koji's window is loose, so callers filter by event too.
   */
  public KojiTagHistory tagHistory(
      Collection<Long> tagIds, List<String> tables, long afterEvent, long upToEvent, int limit) {
    List<KojiCall> calls =
        tagIds.stream()
            .map(
                id ->
                    KojiCall.of("queryHistory", new ArrayList<Object>(tables))
                        .withKeywords(
                            Map.of(
                                "tag",
                                id,
                                "afterEvent",
                                afterEvent,
                                "beforeEvent",
                                upToEvent + 1,
                                "queryOpts",
                                Map.of("limit", (long) limit))))
            .toList();
    List<KojiHistoryRow> rows = new ArrayList<>();
    boolean truncated = false;
    for (KojiCallResult result : hub.multiCall(calls)) {
      Map<?, ?> byTable =
          convert(result.call(), result.value(), v -> KojiValues.struct(v, "queryHistory result"));
      for (String table : tables) {
        List<KojiHistoryRow> tableRows =
            convert(
                result.call(),
                byTable.get(table),
                v -> v == null ? List.of() : list(v, row -> KojiHistoryRow.from(table, row)));
        truncated |= tableRows.size() >= limit;
        rows.addAll(tableRows);
      }
    }
    return new KojiTagHistory(rows, truncated);
  }

  /**
   * The first event after {@code afterEvent} that changed the tag or a tag it inherits from, in any
   * way Koji tracks, the tag_updates of imports and draft promotions included ({@code
   * tagFirstChangeEvent(tag, after, inherit=True)}); empty when nothing changed since.
   */
  public Optional<Long> firstChangeEvent(long tagId, long afterEvent) {
    return Optional.ofNullable(
        read(
            KojiCall.of("tagFirstChangeEvent", tagId, afterEvent, true),
            v -> {
              if (v == null || v instanceof Long) {
                return (Long) v;
              }
              throw new IllegalArgumentException("not an event id");
            }));
  }

  /** {@code listTagged(tag, event, inherit, prefix, latest, package, owner, type)}. */
  public List<KojiBuild> taggedBuilds(
      String tag, Long event, boolean inherit, boolean latest, String packageName, String type) {
    return readList(
        KojiCall.of("listTagged", tag, event, inherit, null, latest, packageName, null, type),
        KojiBuild::from);
  }

  /** The build by NVR; empty when Koji has none. */
  public Optional<KojiBuild> build(String nvr) {
    return readOptional(KojiCall.of("getBuild", nvr), KojiBuild::from);
  }

  public Optional<KojiBuild> build(long id) {
    return readOptional(KojiCall.of("getBuild", id), KojiBuild::from);
  }

  /** The RPMs of a build ({@code listRPMs(buildID)}). */
  public List<KojiRpm> rpmsOfBuild(long buildId) {
    return readList(KojiCall.of("listRPMs", buildId), KojiRpm::from);
  }

  /**
   * The signatures of each RPM ({@code queryRPMSigs(rpm_id)}), through {@code multiCall} in
   * batches; every id is a key of the answer, in the given order. The first fault is thrown.
   */
  public Map<Long, List<KojiRpmSig>> rpmSigs(Collection<Long> rpmIds) {
    List<KojiCall> calls = rpmIds.stream().map(id -> KojiCall.of("queryRPMSigs", id)).toList();
    Map<Long, List<KojiRpmSig>> sigs = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      Long id = (Long) result.call().params().get(0);
      sigs.put(id, convert(result.call(), result.value(), v -> list(v, KojiRpmSig::from)));
    }
    return sigs;
  }

  /**
   * The builds by NVR ({@code getBuild}), through {@code multiCall}; every NVR is a key of the
   * answer, in the given order, with an empty value when Koji has no such build.
   */
  public Map<String, Optional<KojiBuild>> builds(Collection<String> nvrs) {
    List<KojiCall> calls = nvrs.stream().map(nvr -> KojiCall.of("getBuild", nvr)).toList();
    Map<String, Optional<KojiBuild>> builds = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      String nvr = (String) result.call().params().get(0);
      builds.put(
          nvr,
          Optional.ofNullable(
              convert(result.call(), result.value(), v -> v == null ? null : KojiBuild.from(v))));
    }
    return builds;
  }

  /**
   * The module builds among {@code builds} (by id → the tag they were listed in), as {@code
   * getBuild} describes them, through {@code multiCall}; builds that are no module are left out.
   */
  public List<KojiModuleBuild> moduleBuilds(Map<Long, String> builds) {
    List<KojiCall> calls = builds.keySet().stream().map(id -> KojiCall.of("getBuild", id)).toList();
    List<KojiModuleBuild> modules = new ArrayList<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      long id = (Long) result.call().params().get(0);
      KojiModuleBuild module =
          convert(
              result.call(),
              result.value(),
              v -> v == null ? null : KojiModuleBuild.from(v, builds.get(id)));
      if (module != null) {
        modules.add(module);
      }
    }
    return modules;
  }

  /** The RPMs of each build ({@code listRPMs(buildID)}), through {@code multiCall}. */
  public Map<Long, List<KojiRpm>> rpmsOfBuilds(Collection<Long> buildIds) {
    List<KojiCall> calls = buildIds.stream().map(id -> KojiCall.of("listRPMs", id)).toList();
    Map<Long, List<KojiRpm>> rpms = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      Long id = (Long) result.call().params().get(0);
      rpms.put(id, convert(result.call(), result.value(), v -> list(v, KojiRpm::from)));
    }
    return rpms;
  }

  /** The children of each task ({@code getTaskChildren}), through {@code multiCall}. */
  public Map<Long, List<KojiTask>> taskChildren(Collection<Long> taskIds) {
    List<KojiCall> calls = taskIds.stream().map(id -> KojiCall.of("getTaskChildren", id)).toList();
    Map<Long, List<KojiTask>> children = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      Long id = (Long) result.call().params().get(0);
      children.put(id, convert(result.call(), result.value(), v -> list(v, KojiTask::from)));
    }
    return children;
  }

  /**
   * What each finished task uploaded ({@code getTaskResult}), through {@code multiCall}; a task
   * that failed, was cancelled or is still running is the hub's fault, thrown.
   */
  public Map<Long, KojiTaskOutput> taskOutputs(Collection<Long> taskIds) {
    List<KojiCall> calls = taskIds.stream().map(id -> KojiCall.of("getTaskResult", id)).toList();
    Map<Long, KojiTaskOutput> outputs = new LinkedHashMap<>();
    for (KojiCallResult result : hub.multiCall(calls)) {
      Long id = (Long) result.call().params().get(0);
      outputs.put(id, convert(result.call(), result.value(), v -> KojiTaskOutput.from(id, v)));
    }
    return outputs;
  }

  /** The latest ready repo of the tag; empty when it has none. */
  public Optional<KojiRepo> repo(String tag) {
    return readOptional(KojiCall.of("getRepo", tag), KojiRepo::from);
  }

  private <T> T read(String method, Function<Object, T> type) {
    return read(KojiCall.of(method), type);
  }

  private <T> T read(KojiCall call, Function<Object, T> type) {
    return convert(call, hub.call(call), type);
  }

  private <T> Optional<T> readOptional(KojiCall call, Function<Object, T> type) {
    return Optional.ofNullable(read(call, v -> v == null ? null : type.apply(v)));
  }

  private <T> List<T> readList(KojiCall call, Function<Object, T> type) {
    return read(call, v -> list(v, type));
  }

  private static <T> List<T> list(Object value, Function<Object, T> type) {
    return KojiValues.list(value, "result").stream().map(type).toList();
  }

  private static <T> T convert(KojiCall call, Object value, Function<Object, T> type) {
    try {
      return type.apply(value);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new KojiException(call.method(), "unexpected answer: " + e.getMessage(), e);
    }
  }
}
