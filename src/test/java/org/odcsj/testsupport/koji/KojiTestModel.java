package org.odcsj.testsupport.koji;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The state of a Koji instance, in memory, as its database keeps it: every change happens at a new
 * event, tag listings and inheritance keep their create/revoke events, so a query at an earlier
 * event sees the earlier state. Thread-safe (every method synchronized).
 */
public final class KojiTestModel {
  /** The first event's time; each later event is one minute and a few microseconds later. */
  static final Instant EPOCH = Instant.parse("2026-12-01T08:00:00.123456Z");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  record Tag(long id, String name, String arches, long createEvent) {}

  record Inheritance(
      long childId,
      long parentId,
      int priority,
      Integer maxdepth,
      boolean intransitive,
      String filter,
      long createEvent,
      Long revokeEvent) {
    boolean activeAt(long event) {
      return createEvent <= event && (revokeEvent == null || revokeEvent > event);
    }
  }

  /** A tag's package list entry (Koji's tag_packages row); a blocked one hides the package. */
  static final class PackageEntry {
    final long tagId;
    final String name;
    final boolean blocked;
    final long createEvent;
    Long revokeEvent;

    PackageEntry(long tagId, String name, boolean blocked, long createEvent) {
      this.tagId = tagId;
      this.name = name;
      this.blocked = blocked;
      this.createEvent = createEvent;
    }

    boolean activeAt(long event) {
      return createEvent <= event && (revokeEvent == null || revokeEvent > event);
    }
  }

  /** A change Koji records outside the versioned tables (its tag_updates), e.g. an import. */
  record TagUpdate(long tagId, long event, String type) {}

  record Build(long id, String name, String version, String release, Long epoch, long createEvent) {
    String nvr() {
      return name + "-" + version + "-" + release;
    }
  }

  record Rpm(
      long id,
      long buildId,
      String name,
      String version,
      String release,
      Long epoch,
      String arch,
      String payloadhash,
      long size) {
    String nvra() {
      return name + "-" + version + "-" + release + "." + arch;
    }
  }

  record Sig(long rpmId, String sigkey, String sighash) {}

  record Repo(long id, long tagId, long createEvent) {}

  /**
   * A task: Koji's TASK_STATES number, and either the result a finished task stored or, for a
   * FAILED one, the fault it raised.
   */
  record Task(
      long id,
      String method,
      int state,
      String arch,
      Long parent,
      Object result,
      KojiTestFault fault,
      long createEvent) {}

  public static final int TASK_OPEN = 1;
  public static final int TASK_CLOSED = 2;
  public static final int TASK_CANCELED = 3;
  public static final int TASK_FAILED = 5;

  static final class Listing {
    final long tagId;
    final long buildId;
    final long createEvent;
    Long revokeEvent;

    Listing(long tagId, long buildId, long createEvent) {
      this.tagId = tagId;
      this.buildId = buildId;
      this.createEvent = createEvent;
    }

    boolean activeAt(long event) {
      return createEvent <= event && (revokeEvent == null || revokeEvent > event);
    }
  }

  private long lastEvent = 1000;
  private long nextId = 1;
  final Map<Long, Tag> tags = new LinkedHashMap<>();
  final List<Inheritance> inheritance = new ArrayList<>();

  final List<PackageEntry> packageEntries = new ArrayList<>();
  final List<TagUpdate> tagUpdates = new ArrayList<>();

  final Map<Long, Build> builds = new LinkedHashMap<>();
  final Map<Long, Rpm> rpms = new LinkedHashMap<>();
  final List<Sig> sigs = new ArrayList<>();
  final List<Listing> listings = new ArrayList<>();
  final List<Repo> repos = new ArrayList<>();
  final Map<Long, Task> tasks = new LinkedHashMap<>();

  public synchronized long lastEvent() {
    return lastEvent;
  }

  static double eventTs(long event) {
    Instant t = eventTime(event);
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  static Instant eventTime(long event) {
    return EPOCH.plusSeconds(60 * (event - 1000)).plusNanos(1_000 * (event % 1000));
  }

  static String eventTimeText(long event) {
    return TIME.format(eventTime(event));
  }

  private long newEvent() {
    return ++lastEvent;
  }

  public synchronized long createTag(String name, String arches) {
    long id = nextId++;
    tags.put(id, new Tag(id, name, arches, newEvent()));
    return id;
  }

  /** Adds {@code parent} to {@code child}'s inheritance (lower priority is searched first). */
  public synchronized long addInheritance(long child, long parent, int priority) {
    return addInheritance(child, parent, priority, null, false, "");
  }

  public synchronized long addInheritance(
      long child,
      long parent,
      int priority,
      Integer maxdepth,
      boolean intransitive,
      String filter) {
    long event = newEvent();
    inheritance.add(
        new Inheritance(child, parent, priority, maxdepth, intransitive, filter, event, null));
    return event;
  }

  /** Removes {@code parent} from {@code child}'s inheritance (the link is revoked). */
  public synchronized long removeInheritance(long child, long parent) {
    long event = newEvent();
    for (int i = 0; i < inheritance.size(); i++) {
      Inheritance link = inheritance.get(i);
      if (link.childId() == child && link.parentId() == parent && link.revokeEvent() == null) {
        inheritance.set(
            i,
            new Inheritance(
                child,
                parent,
                link.priority(),
                link.maxdepth(),
                link.intransitive(),
                link.filter(),
                link.createEvent(),
                event));
      }
    }
    return event;
  }

  /** Adds the package to the tag's own list, unless it is there already (blocked or not). */
  public synchronized void packageListAdd(long tag, String packageName) {
    if (ownEntry(tag, packageName, lastEvent) == null) {
      packageEntries.add(new PackageEntry(tag, packageName, false, newEvent()));
    }
  }

  /** Koji's packageListBlock: a blocked entry in the tag hides the package there and below. */
  public synchronized long packageListBlock(long tag, String packageName) {
    long event = newEvent();
    PackageEntry own = ownEntry(tag, packageName, lastEvent);
    if (own != null) {
      own.revokeEvent = event;
    }
    packageEntries.add(new PackageEntry(tag, packageName, true, event));
    return event;
  }

  /**
   * Koji's packageListUnblock: the tag's own block is removed, and an unblocked entry added when
   * the package would otherwise still be missing or blocked.
   */
  public synchronized long packageListUnblock(long tag, String packageName) {
    long event = newEvent();
    PackageEntry own = ownEntry(tag, packageName, lastEvent);
    if (own != null && own.blocked) {
      own.revokeEvent = event;
    }
    if (!inheritedPackages(tag, event).contains(packageName)) {
      packageEntries.add(new PackageEntry(tag, packageName, false, event));
    }
    return event;
  }

  /** Koji's packageListRemove: the tag's own entry is revoked. */
  public synchronized long packageListRemove(long tag, String packageName) {
    long event = newEvent();
    PackageEntry own = ownEntry(tag, packageName, lastEvent);
    if (own != null) {
      own.revokeEvent = event;
    }
    return event;
  }

  private PackageEntry ownEntry(long tag, String packageName, long event) {
    for (PackageEntry e : packageEntries) {
      if (e.tagId == tag && e.name.equals(packageName) && e.activeAt(event)) {
        return e;
      }
    }
    return null;
  }

  public synchronized long createBuild(String name, String version, String release, Long epoch) {
    long id = nextId++;
    builds.put(id, new Build(id, name, version, release, epoch, newEvent()));
    return id;
  }

  public synchronized long addRpm(
      long buildId,
      String name,
      String version,
      String release,
      Long epoch,
      String arch,
      String payloadhash,
      long size) {
    long id = nextId++;
    rpms.put(id, new Rpm(id, buildId, name, version, release, epoch, arch, payloadhash, size));
    return id;
  }

  /**
   * An RPM imported into an existing build (Koji's importRPM): no versioned table changes, so Koji
   * records a tag_updates row (IMPORT) for each tag the build is in.
   */
  public synchronized long importRpm(
      long buildId, String name, String arch, String payloadhash, long size) {
    Build b = builds.get(buildId);
    long id = addRpm(buildId, name, b.version(), b.release(), b.epoch(), arch, payloadhash, size);
    long event = newEvent();
    for (Listing l : listings) {
      if (l.buildId == buildId && l.activeAt(event)) {
        tagUpdates.add(new TagUpdate(l.tagId, event, "IMPORT"));
      }
    }
    return id;
  }

  public synchronized void addSig(long rpmId, String sigkey, String sighash) {
    sigs.add(new Sig(rpmId, sigkey, sighash));
  }

  /** Tags the build; like Koji, only a package in the tag's (inherited) package list. */
  public synchronized long tagBuild(long tagId, long buildId) {
    Build build = builds.get(buildId);
    Tag tag = tags.get(tagId);
    if (!inheritedPackages(tagId, lastEvent).contains(build.name())) {
      throw new KojiTestFault(
          KojiTestFault.TAG_ERROR,
          "Package " + build.name() + " not in list for tag " + tag.name());
    }
    long event = newEvent();
    listings.add(new Listing(tagId, buildId, event));
    return event;
  }

  public synchronized long untagBuild(long tagId, long buildId) {
    long event = newEvent();
    for (Listing l : listings) {
      if (l.tagId == tagId && l.buildId == buildId && l.revokeEvent == null) {
        l.revokeEvent = event;
      }
    }
    return event;
  }

  public synchronized long newRepo(long tagId) {
    long id = nextId++;
    repos.add(new Repo(id, tagId, newEvent()));
    return id;
  }

  /**
   * A scratch build as kojid leaves it: a {@code build} task (CLOSED) with one {@code buildArch}
   * child (CLOSED) whose result lists the uploaded files under {@code tasks/<id % 10000>/<id>/},
   * relative to the work directory ({@link #taskDir}). Returns the parent task's id.
   */
  public synchronized long scratchBuild(List<String> rpmFiles, String srpmFile) {
    long parent = nextId++;
    long child = nextId++;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("brootid", 4711L);
    result.put("logs", List.of(taskDir(child) + "build.log"));
    result.put("rpms", rpmFiles.stream().map(f -> taskDir(child) + f).toList());
    result.put("srpms", srpmFile == null ? List.of() : List.of(taskDir(child) + srpmFile));
    long event = newEvent();
    tasks.put(parent, new Task(parent, "build", TASK_CLOSED, "noarch", null, null, null, event));
    tasks.put(
        child, new Task(child, "buildArch", TASK_CLOSED, "x86_64", parent, result, null, event));
    return parent;
  }

  /** A scratch build whose buildArch child failed with kojid's BuildError. */
  public synchronized long failedScratchBuild() {
    long parent = nextId++;
    long child = nextId++;
    long event = newEvent();
    KojiTestFault error =
        new KojiTestFault(KojiTestFault.BUILD_ERROR, "error building package (arch x86_64)");
    tasks.put(parent, new Task(parent, "build", TASK_FAILED, "noarch", null, null, error, event));
    tasks.put(
        child, new Task(child, "buildArch", TASK_FAILED, "x86_64", parent, null, error, event));
    return parent;
  }

  /** Koji's {@code pathinfo.taskrelpath(id)}, with a trailing slash. */
  public static String taskDir(long taskId) {
    return "tasks/" + (taskId % 10000) + "/" + taskId + "/";
  }

  /** The tag's package list at {@code event}, inheritance included (Koji always inherits it). */
  private Set<String> inheritedPackages(long tagId, long event) {
    List<Long> tagIds = new ArrayList<>(List.of(tagId));
    fullInheritance(tagId, event).forEach(p -> tagIds.add((Long) p.get("parent_id")));
    // the first entry along the inheritance decides: a block in a child hides a parent's entry
    Map<String, Boolean> decided = new LinkedHashMap<>();
    for (long id : tagIds) {
      for (PackageEntry e : packageEntries) {
        if (e.tagId == id && e.activeAt(event)) {
          decided.putIfAbsent(e.name, e.blocked);
        }
      }
    }
    Set<String> names = new HashSet<>();
    decided.forEach(
        (name, blocked) -> {
          if (!blocked) {
            names.add(name);
          }
        });
    return names;
  }

  /**
   * Koji's readFullInheritance: depth first, direct parents by priority, each tag once; an
   * intransitive link is not followed below the first level, maxdepth stops the walk.
   */
  synchronized List<Map<String, Object>> fullInheritance(long tagId, long event) {
    List<Map<String, Object>> out = new ArrayList<>();
    walk(tagId, event, 1, null, new HashSet<>(Set.of(tagId)), out);
    return out;
  }

  private void walk(
      long tagId,
      long event,
      int depth,
      Integer limit,
      Set<Long> seen,
      List<Map<String, Object>> out) {
    List<Inheritance> parents =
        inheritance.stream()
            .filter(i -> i.childId() == tagId && i.activeAt(event))
            .sorted(Comparator.comparingInt(Inheritance::priority))
            .toList();
    for (Inheritance link : parents) {
      if (!seen.add(link.parentId()) || (link.intransitive() && depth > 1)) {
        continue;
      }
      // levels still allowed above this parent: the outer limit less one, capped by maxdepth
      // (maxdepth 0 takes the parent alone)
      Integer remaining = limit == null ? null : limit - 1;
      if (link.maxdepth() != null) {
        remaining = remaining == null ? link.maxdepth() : Math.min(remaining, link.maxdepth());
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("child_id", link.childId());
      entry.put("currdepth", depth);
      entry.put("filter", link.filter().isBlank() ? List.of() : List.of(link.filter().split(" ")));
      entry.put("intransitive", link.intransitive());
      entry.put("maxdepth", link.maxdepth());
      entry.put("name", tags.get(link.parentId()).name());
      entry.put("nextdepth", remaining);
      entry.put("noconfig", false);
      entry.put("parent_id", link.parentId());
      entry.put("pkg_filter", link.filter());
      entry.put("priority", link.priority());
      out.add(entry);
      if (remaining == null || remaining > 0) {
        walk(link.parentId(), event, depth + 1, remaining, seen, out);
      }
    }
  }

  /**
   * Koji's readTaggedBuilds: the builds a tag shows at {@code event}, its own first, then each
   * inherited tag's in inheritance order, each tag's newest tagging first; only packages in the
   * (inherited) package list; with {@code latest} only the first build seen per package.
   */
  synchronized List<Map.Entry<Build, Tag>> taggedBuilds(
      long tagId, long event, boolean inherit, boolean latest, String packageName) {
    List<Long> order = new ArrayList<>(List.of(tagId));
    Map<Long, List<Pattern>> filters = new LinkedHashMap<>();
    if (inherit) {
      for (Map<String, Object> parent : fullInheritance(tagId, event)) {
        long parentId = (Long) parent.get("parent_id");
        order.add(parentId);
        @SuppressWarnings("unchecked")
        List<String> filter = (List<String>) parent.get("filter");
        filters.put(parentId, filter.stream().map(Pattern::compile).toList());
      }
    }
    Set<String> packages = inheritedPackages(tagId, event);
    Set<String> seen = new HashSet<>();
    List<Map.Entry<Build, Tag>> out = new ArrayList<>();
    for (long tag : order) {
      List<Listing> active =
          listings.stream()
              .filter(l -> l.tagId == tag && l.activeAt(event))
              .sorted(
                  Comparator.comparingLong((Listing l) -> l.createEvent)
                      .thenComparingLong(l -> l.buildId)
                      .reversed())
              .toList();
      for (Listing l : active) {
        Build b = builds.get(l.buildId);
        if (packageName != null && !packageName.equals(b.name())) {
          continue;
        }
        List<Pattern> filter = filters.getOrDefault(tag, List.of());
        if (!filter.isEmpty() && filter.stream().noneMatch(p -> p.matcher(b.name()).lookingAt())) {
          continue;
        }
        if (!packages.contains(b.name()) || (!seen.add(b.name()) && latest)) {
          continue;
        }
        out.add(Map.entry(b, tags.get(tag)));
      }
    }
    return out;
  }

  /**
   * Whether a listing, inheritance link, package list entry or tag_updates row of these tags
   * changed after event.
   */
  synchronized boolean tagChangedSince(long event, List<Long> tagIds) {
    return firstChangeAfter(event, tagIds) != null;
  }

  /**
   * The first event after {@code event} that changed one of the tags (Koji's tag_first_change_event
   * over these tables), or null.
   */
  synchronized Long firstChangeAfter(long event, List<Long> tagIds) {
    Long first = null;
    for (long tag : tagIds) {
      for (Listing l : listings) {
        if (l.tagId == tag) {
          first = earliestAfter(first, event, l.createEvent, l.revokeEvent);
        }
      }
      for (Inheritance i : inheritance) {
        if (i.childId() == tag) {
          first = earliestAfter(first, event, i.createEvent(), i.revokeEvent());
        }
      }
      for (PackageEntry e : packageEntries) {
        if (e.tagId == tag) {
          first = earliestAfter(first, event, e.createEvent, e.revokeEvent);
        }
      }
      for (TagUpdate u : tagUpdates) {
        if (u.tagId() == tag) {
          first = earliestAfter(first, event, u.event(), null);
        }
      }
    }
    return first;
  }

  private static Long earliestAfter(Long first, long after, long created, Long revoked) {
    for (Long e : new Long[] {created, revoked}) {
      if (e != null && e > after && (first == null || e < first)) {
        first = e;
      }
    }
    return first;
  }

  /** {@code extra.typeinfo.module} of the module builds, by build id. */
  final Map<Long, Map<String, Object>> moduleTypeinfo = new LinkedHashMap<>();

  /**
   * A module build as MBS imports it into Koji: NVR {@code name-stream-version.context} (a stream's
   * dashes as underscores), {@code extra.typeinfo.module} with its modulemd and content tag.
   */
  public synchronized long createModuleBuild(
      String name,
      String stream,
      long version,
      String context,
      String contentKojiTag,
      String modulemd) {
    long id = createBuild(name, stream.replace('-', '_'), version + "." + context, null);
    Map<String, Object> module = new LinkedHashMap<>();
    module.put("content_koji_tag", contentKojiTag);
    module.put("context", context);
    module.put("modulemd_str", modulemd);
    module.put("module_build_service_id", id);
    module.put("name", name);
    module.put("stream", stream);
    module.put("version", Long.toString(version));
    moduleTypeinfo.put(id, module);
    return id;
  }

  /** What getBuild answers as {@code extra}: a module build's typeinfo, else nil. */
  synchronized Map<String, Object> extraOf(long buildId) {
    Map<String, Object> module = moduleTypeinfo.get(buildId);
    return module == null ? null : Map.of("typeinfo", Map.of("module", module));
  }
}
