package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiTestKeys;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * {@code tag}, {@code build} and {@code pungi_compose} composes through the deployed WAR, from the
 * Koji protocol test hub and its topdir of test-built RPMs ({@link KojiFixture}). Every test makes
 * its own tags and builds, named uniquely.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class KojiComposeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final JsonProvider JSON = JsonProvider.provider();

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final KojiTestModel koji = KojiFixture.get().koji();
  private final KojiTestTopdir topdir = KojiFixture.get().topdir();
  private final String u = UUID.randomUUID().toString().substring(0, 8);

  /** A build of one noarch package named like the build, tagged into {@code tag}. */
  private ImportedBuild build(String name, String version, TestRpms... rpms) {
    return topdir.importBuild(
        name,
        version,
        "1",
        null,
        rpms.length > 0 ? rpms : new TestRpms[] {TestRpms.builder(name, version, "1", "noarch")});
  }

  private long tag(long tagId, ImportedBuild build) {
    koji.packageListAdd(tagId, build.name());
    return koji.tagBuild(tagId, build.id());
  }

  private JsonObject compose(String request) {
    long id = api.submit(request).getJsonNumber("id").longValue();
    return api.awaitState(id, TIMEOUT, "done", "failed");
  }

  private static JsonObject done(JsonObject compose) {
    assertEquals("done", compose.getString("state_name"), compose.toString());
    return compose;
  }

  /** NEVRA → sigkey of every RPM in the compose's rpms.json (productmd). */
  private static Map<String, String> rpms(JsonObject compose) throws Exception {
    Path rpmsJson = tree(compose).resolve("compose/metadata/rpms.json");
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = Files.newInputStream(rpmsJson)) {
      JsonObject variant =
          JSON.createReader(in)
              .readObject()
              .getJsonObject("payload")
              .getJsonObject("rpms")
              .getJsonObject("Temporary");
      for (String arch : variant.keySet()) {
        for (var srpm : variant.getJsonObject(arch).values()) {
          srpm.asJsonObject()
              .forEach(
                  (nevra, info) -> {
                    var sigkey = info.asJsonObject().get("sigkey");
                    out.put(
                        nevra,
                        sigkey.getValueType() == jakarta.json.JsonValue.ValueType.NULL
                            ? ""
                            : info.asJsonObject().getString("sigkey"));
                  });
        }
      }
    }
    return out;
  }

  /** The compose's tree (a reusing compose points at the reused one's). */
  private static Path tree(JsonObject compose) {
    String url = compose.getString("toplevel_url");
    return OdcsServer.get().targetDir().resolve(url.substring(url.lastIndexOf('/') + 1));
  }

  private String tagRequest(String tag, String sourceExtra, String... flags) {
    StringBuilder f = new StringBuilder();
    for (String flag : flags) {
      f.append(f.length() == 0 ? "" : ", ").append('"').append(flag).append('"');
    }
    return "{\"source\": {\"type\": \"tag\", \"source\": \""
        + tag
        + "\""
        + sourceExtra
        + "}, \"flags\": ["
        + f
        + "]}";
  }

  @Test
  void tagComposeFollowsInheritanceAtItsEventWithBuildsOnTop() throws Exception {
    long parent = koji.createTag("base-" + u, "x86_64");
    long child = koji.createTag("child-" + u, "x86_64");
    koji.addInheritance(child, parent, 10);
    tag(parent, build("kp-a-" + u, "1.0"));
    tag(child, build("kp-b-" + u, "1.0"));
    ImportedBuild extra = build("kp-c-" + u, "1.0");

    JsonObject c =
        done(compose(tagRequest("child-" + u, ", \"builds\": [\"kp-c-" + u + "-1.0-1\"]")));

    assertEquals(
        java.util.Set.of(
            "kp-a-" + u + "-0:1.0-1.noarch",
            "kp-b-" + u + "-0:1.0-1.noarch",
            "kp-c-" + u + "-0:1.0-1.noarch"),
        rpms(c).keySet());
    assertTrue(c.getJsonNumber("koji_event").longValue() >= koji.lastEvent() - 1, c.toString());
    assertEquals("kp-c-" + u + "-1.0-1", c.getString("builds"));

    JsonObject own = done(compose(tagRequest("child-" + u, "", "no_inheritance")));
    assertEquals(java.util.Set.of("kp-b-" + u + "-0:1.0-1.noarch"), rpms(own).keySet());
    assertNotEquals(0, extra.id());
  }

  @Test
  void anOlderKojiEventGivesTheOlderContentAndRegenerationKeepsIt() throws Exception {
    long tagId = koji.createTag("moving-" + u, "x86_64");
    long before = tag(tagId, build("kp-old-" + u, "1.0"));
    JsonObject old = done(compose(tagRequest("moving-" + u, ", \"koji_event\": " + before)));
    assertEquals(before, old.getJsonNumber("koji_event").longValue());
    Map<String, String> oldRpms = rpms(old);
    tag(tagId, build("kp-new-" + u, "1.0")); // the tag moves on

    JsonObject now = done(compose(tagRequest("moving-" + u, "")));
    assertEquals(2, rpms(now).size(), rpms(now).toString());
    assertEquals(java.util.Set.of("kp-old-" + u + "-0:1.0-1.noarch"), oldRpms.keySet());

    // Removed, then renewed: the stored event again, not the tag's newer content.
    assertEquals(202, api.delete("/api/1/composes/" + old.getInt("id")).status());
    api.awaitState(old.getInt("id"), TIMEOUT, "removed");
    var renewed = api.patch("/api/1/composes/" + old.getInt("id"), "");
    assertEquals(200, renewed.status(), renewed.body());
    JsonObject copy = done(api.awaitState(renewed.json().getInt("id"), TIMEOUT, "done", "failed"));
    assertEquals(oldRpms, rpms(copy));
    assertEquals(before, copy.getJsonNumber("koji_event").longValue());
  }

  @Test
  void anUnchangedTagIsReusedAndAChangedOneIsNot() throws Exception {
    long tagId = koji.createTag("reuse-" + u, "x86_64");
    tag(tagId, build("kp-r-" + u, "1.0"));
    JsonObject first = done(compose(tagRequest("reuse-" + u, "")));
    JsonObject second = done(compose(tagRequest("reuse-" + u, "")));
    assertEquals(first.getString("toplevel_url"), second.getString("toplevel_url"), "reused");
    assertEquals(first.getJsonNumber("koji_event"), second.getJsonNumber("koji_event"));

    tag(tagId, build("kp-r2-" + u, "1.0"));
    JsonObject third = done(compose(tagRequest("reuse-" + u, "")));
    assertNotEquals(first.getString("toplevel_url"), third.getString("toplevel_url"));
    assertEquals(2, rpms(third).size());
  }

  /**
   * As after a restart, when this server remembers no event for the tag: an older compose at an
   * older event is reused while the tag is unchanged since that event, never by a request for an
   * older event, and not once the tag changed.
   */
  @Test
  void anOlderEventsComposeIsReusedWhileTheTagIsUnchangedSinceIt() throws Exception {
    long tagId = koji.createTag("reuse-old-" + u, "x86_64");
    tag(tagId, build("kp-o-" + u, "1.0"));
    long event = koji.lastEvent();
    JsonObject pinned = done(compose(tagRequest("reuse-old-" + u, ", \"koji_event\": " + event)));
    // not remembered: the request named its event; a few unrelated Koji events pass
    koji.createTag("elsewhere-" + u, "x86_64");
    koji.createTag("elsewhere2-" + u, "x86_64");

    JsonObject later = done(compose(tagRequest("reuse-old-" + u, "")));
    assertEquals(pinned.getString("toplevel_url"), later.getString("toplevel_url"), "reused");
    assertEquals(event, later.getJsonNumber("koji_event").longValue(), "the reused one's event");

    JsonObject older =
        done(compose(tagRequest("reuse-old-" + u, ", \"koji_event\": " + (event - 1))));
    assertNotEquals(pinned.getString("toplevel_url"), older.getString("toplevel_url"));

    tag(tagId, build("kp-o2-" + u, "1.0"));
    JsonObject changed = done(compose(tagRequest("reuse-old-" + u, "")));
    assertNotEquals(pinned.getString("toplevel_url"), changed.getString("toplevel_url"));
    assertEquals(2, rpms(changed).size());
  }

  @Test
  void buildComposeTakesTheNamedPackagesAndTheirDependencies() throws Exception {
    ImportedBuild lib = build("kp-lib-" + u, "2.0");
    ImportedBuild app =
        build(
            "kp-app-" + u,
            "1.0",
            TestRpms.builder("kp-app-" + u, "1.0", "1", "noarch").requires("kp-lib-" + u),
            TestRpms.builder("kp-app-extra-" + u, "1.0", "1", "noarch"));
    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"build\", \"builds\": [\"kp-app-"
                    + u
                    + "-1.0-1\", \"kp-lib-"
                    + u
                    + "-2.0-1\"], \"packages\": [\"kp-app-"
                    + u
                    + "\"]}}"));
    assertEquals(
        java.util.Set.of("kp-app-" + u + "-0:1.0-1.noarch", "kp-lib-" + u + "-0:2.0-1.noarch"),
        rpms(c).keySet());
    assertNotEquals(lib.id(), app.id());
  }

  @Test
  void sigkeysChooseTheFirstSignedCopyAndNameWhatIsMissing() throws Exception {
    ImportedBuild signed = build("kp-signed-" + u, "1.0");
    topdir.writeSigned(signed, KojiTestKeys.b());
    ImportedBuild unsigned = build("kp-plain-" + u, "1.0");
    long tagId = koji.createTag("signed-" + u, "x86_64");
    tag(tagId, signed);
    String a = KojiTestKeys.a().sigkey();
    String b = KojiTestKeys.b().sigkey();

    JsonObject bOnly =
        done(compose(tagRequest("signed-" + u, ", \"sigkeys\": [\"" + a + "\", \"" + b + "\"]")));
    assertEquals(Map.of("kp-signed-" + u + "-0:1.0-1.noarch", b), rpms(bOnly));

    tag(tagId, unsigned);
    JsonObject refused =
        compose(tagRequest("signed-" + u, ", \"sigkeys\": [\"" + b + "\"]", "no_reuse"));
    assertEquals("failed", refused.getString("state_name"));
    assertTrue(
        refused.getString("state_reason").contains("kp-plain-" + u + "-1.0-1.noarch"),
        refused.getString("state_reason"));

    JsonObject unsignedAllowed =
        done(
            compose(tagRequest("signed-" + u, ", \"sigkeys\": [\"" + b + "\", \"\"]", "no_reuse")));
    assertEquals(
        Map.of("kp-signed-" + u + "-0:1.0-1.noarch", b, "kp-plain-" + u + "-0:1.0-1.noarch", ""),
        rpms(unsignedAllowed));
  }

  @Test
  void unknownTagsAndBuildsFailNamingThem() {
    JsonObject tag = compose(tagRequest("nosuch-" + u, ""));
    assertEquals("failed", tag.getString("state_name"));
    assertTrue(
        tag.getString("state_reason").contains("Unknown Koji tag nosuch-" + u + "."),
        tag.getString("state_reason"));
    JsonObject build =
        compose("{\"source\": {\"type\": \"build\", \"builds\": [\"nosuch-" + u + "-1-1\"]}}");
    assertEquals("failed", build.getString("state_name"));
    assertTrue(
        build.getString("state_reason").contains("nosuch-" + u + "-1-1"),
        build.getString("state_reason"));
  }

  @Test
  void aPungiComposeOfOurTagComposeHasExactlyItsNevras() throws Exception {
    ImportedBuild one = build("kp-p1-" + u, "1.0");
    topdir.writeSigned(one, KojiTestKeys.a());
    long tagId = koji.createTag("pungi-" + u, "x86_64");
    tag(tagId, one);
    tag(tagId, build("kp-p2-" + u, "3.0"));
    JsonObject ours =
        done(
            compose(
                tagRequest(
                    "pungi-" + u, ", \"sigkeys\": [\"" + KojiTestKeys.a().sigkey() + "\", \"\"]")));
    String variant = ours.getString("toplevel_url") + "/compose/Temporary";

    JsonObject copy =
        done(
            compose(
                "{\"source\": {\"type\": \"pungi_compose\", \"source\": \"" + variant + "\"}}"));
    assertEquals(rpms(ours), rpms(copy));
  }

  @Test
  void secondComposeOfATagReadsNoHeaders() throws Exception {
    long tagId = koji.createTag("cache-" + u, "x86_64");
    tag(tagId, build("kp-h1-" + u, "1.0"));
    tag(tagId, build("kp-h2-" + u, "1.0"));
    JsonObject first = done(compose(tagRequest("cache-" + u, "")));
    JsonObject second = done(compose(tagRequest("cache-" + u, "", "no_reuse")));
    String log = Files.readString(tree(second).resolve("compose/logs/odcs.log"));
    assertTrue(log.contains("noarch: 2 of 2 package headers from the metadata cache, 0 read"), log);
    assertEquals(rpms(first), rpms(second));
  }

  @Test
  void aComposeAfterOneBuildIsTaggedListsOnlyThatPackageAgain() throws Exception {
    long parent = koji.createTag("warm-base-" + u, "x86_64");
    long child = koji.createTag("warm-" + u, "x86_64");
    koji.addInheritance(child, parent, 10);
    tag(parent, build("kp-w1-" + u, "1.0"));
    tag(parent, build("kp-w2-" + u, "1.0"));
    tag(child, build("kp-w3-" + u, "1.0"));
    JsonObject first = done(compose(tagRequest("warm-" + u, "")));
    long firstEvent = first.getJsonNumber("koji_event").longValue();

    long tagged = tag(parent, build("kp-w1-" + u, "2.0")); // up the inheritance
    JsonObject second = done(compose(tagRequest("warm-" + u, "")));

    long secondEvent = second.getJsonNumber("koji_event").longValue();
    assertTrue(secondEvent >= tagged, second.toString());
    String log = Files.readString(tree(second).resolve("compose/logs/odcs.log"));
    assertTrue(
        log.contains(
            "Koji listing of tag warm-"
                + u
                + " at event "
                + secondEvent
                + ": incremental from event "
                + firstEvent
                + ", 1 package names re-listed"),
        log);
    assertEquals(
        java.util.Set.of(
            "kp-w1-" + u + "-0:2.0-1.noarch",
            "kp-w2-" + u + "-0:1.0-1.noarch",
            "kp-w3-" + u + "-0:1.0-1.noarch"),
        rpms(second).keySet());
  }

  @Test
  void dnfInstallsFromATagCompose() throws Exception {
    ImportedBuild lib = build("kp-dlib-" + u, "1.0");
    ImportedBuild app =
        build(
            "kp-dapp-" + u,
            "1.0",
            TestRpms.builder("kp-dapp-" + u, "1.0", "1", "noarch").requires("kp-dlib-" + u));
    long tagId = koji.createTag("dnf-" + u, "x86_64");
    tag(tagId, lib);
    tag(tagId, app);
    JsonObject c = done(compose(tagRequest("dnf-" + u, "")));
    assumeTrue(Dnf.available(), "dnf is needed to install from the compose");
    String repoFile =
        api.get(c.getString("result_repofile").replace(OdcsServer.get().baseUrl(), "")).body();
    Path copy = Files.writeString(Files.createTempFile("koji-" + u, ".repo"), repoFile);
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-koji-" + u), "x86_64")
            .addRepoFile(copy);
    var install = dnf.install("kp-dapp-" + u);
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(dnf.isInstalled("kp-dlib-" + u));
  }

  @Test
  void anUnreachableHubFailsTheComposeWithTheReason() {
    KojiFixture.get().hub().failNext(100, 503);
    try {
      JsonObject c = compose(tagRequest("down-" + u, ""));
      assertEquals("failed", c.getString("state_name"));
      assertTrue(c.getString("state_reason").contains("unreachable"), c.getString("state_reason"));
    } finally {
      KojiFixture.get().hub().failNext(0, 503);
    }
  }

  @Test
  void scratchBuildTasksAddTheirRpmsOnTopOfTheTag() throws Exception {
    long tagId = koji.createTag("scratch-" + u, "x86_64");
    tag(tagId, build("kp-s-" + u, "1.0"));
    Path work = Files.createTempDirectory(topdir.root().getParent(), "scratch");
    Path rpm = TestRpms.builder("kp-try-" + u, "0.1", "1", "noarch").build(work);
    long task = koji.scratchBuild(java.util.List.of(rpm.getFileName().toString()), null);
    Path target =
        topdir
            .root()
            .resolve("work")
            .resolve(KojiTestModel.taskDir(task + 1))
            .resolve(rpm.getFileName());
    Files.createDirectories(target.getParent());
    Files.move(rpm, target);

    JsonObject c =
        done(compose(tagRequest("scratch-" + u, ", \"scratch_build_tasks\": [\"" + task + "\"]")));
    assertEquals(
        java.util.Set.of("kp-s-" + u + "-0:1.0-1.noarch", "kp-try-" + u + "-0:0.1-1.noarch"),
        rpms(c).keySet());
    assertEquals(String.valueOf(task), c.getString("scratch_build_tasks"));
  }
}
