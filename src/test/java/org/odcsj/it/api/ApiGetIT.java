package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.assertNoKey;
import static org.odcsj.it.api.Api.assertNull;
import static org.odcsj.it.api.Api.ids;
import static org.odcsj.it.api.Api.items;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Spec §10.6 and §2.4–2.5: reading composes — one compose, the list, every filter, every order,
 * pagination. The database is shared by all test classes, so every list query here is narrowed to
 * composes seeded by this class (unique owners, sources and labels).
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiGetIT {

  private static final String RUN = Api.unique();

  /** The upstream fixture: compose 1 and compose 2, with a label of their own. */
  private static final String PAIR = "pair-" + RUN;

  private static final String ME = "me-" + RUN;
  private static final String F26 = "f26-" + RUN;

  private static OdcsApi api;
  private static long first;
  private static long second;

  @BeforeAll
  static void seed() {
    api = Api.anonymous();
    first = compose().owner("unknown").module("testmodule:master").label(PAIR).insert();
    second = compose().owner(ME).tag(F26).label(PAIR).insert();
  }

  private static JsonObject list(String query) {
    Reply reply = api.get(COMPOSES + "?" + query);
    return ok(reply);
  }

  private static List<Long> pairIds(String query) {
    return ids(list("label=" + PAIR + (query.isEmpty() ? "" : "&" + query)));
  }

  @Test
  void v70_oneComposeCarriesItsConfigDumpAndCors() {
    Reply reply = api.get(Api.composeUrl(first));
    JsonObject compose = ok(reply);
    assertEquals(first, Api.id(compose));
    assertEquals("testmodule:master", compose.getString("source"));
    assertNull(compose, "pungi_config_dump");
    assertEquals("*", reply.raw().headers().firstValue("Access-Control-Allow-Origin").orElse(""));
  }

  @Test
  void v71_listShowsTheComposes() {
    assertEquals(2, pairIds("").size());
  }

  @Test
  void v72_ownerFilterAndNoConfigDumpInLists() {
    JsonObject page = list("owner=" + ME);
    assertEquals(1, items(page).size());
    JsonObject item = items(page).getJsonObject(0);
    assertEquals(F26, item.getString("source"));
    assertNoKey(item, "pungi_config_dump");
  }

  @Test
  void v73_stateFilterWithoutMatches() {
    assertEquals(List.of(), pairIds("state=2"));
  }

  @Test
  void v74_stateFilterWithMatches() {
    assertEquals(2, pairIds("state=0").size());
  }

  @Test
  void v75_sourceTypeFilter() {
    assertEquals(List.of(first), pairIds("source_type=2"));
  }

  @Test
  void v76_sourceFilter() {
    assertEquals(List.of(second), ids(list("source=" + F26)));
  }

  @Test
  void v77_newestFirstByDefault() {
    assertEquals(List.of(second, first), pairIds(""));
  }

  @Test
  void v78_orderById() {
    assertEquals(List.of(first, second), pairIds("order_by=id"));
  }

  @Test
  void v79_orderByIdDescending() {
    assertEquals(List.of(second, first), pairIds("order_by=-id"));
  }

  @Test
  void v80_unknownOrderKeyIsRefused() {
    assertError(
        api.get(COMPOSES + "?order_by=foo"),
        400,
        "An invalid order_by key was supplied, allowed keys are: id, owner, source_type,"
            + " koji_event, state, time_to_expire, time_submitted, time_done, time_removed");
  }

  @Test
  void unknownComposeIsNotFound() {
    assertError(api.get(Api.composeUrl(999_999_999)), 404, "No such compose found.");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"abc", "-1", "1.0", "1/"})
  void composePathsThatAreNotAnIdAreNoRoute(String id) {
    Api.assertErrorEnvelope(api.get(COMPOSES + id), 404);
  }

  // Filters: every filter, by number and by name where both exist; narrowed to one seeding.

  @Test
  void everyFilterSelectsExactMatches() {
    String run = "filters-" + Api.unique();
    long a =
        compose()
            .owner("owner-a-" + run)
            .tag("tag-a-" + run)
            .label(run)
            .kojiTaskId(4711)
            .pungiComposeId("Fedora-A-" + run)
            .composeType("nightly")
            .insert();
    long b =
        compose()
            .owner("owner-b-" + run)
            .module("mod-b:" + run)
            .label(run)
            .state(ComposeRows.DONE)
            .kojiTaskId(4712)
            .pungiComposeId("Fedora-B-" + run)
            .composeType("production")
            .insert();
    String label = "label=" + run + "&";
    assertEquals(List.of(a), ids(list("owner=owner-a-" + run)));
    assertEquals(List.of(b), ids(list("source=mod-b:" + run)));
    assertEquals(List.of(a), ids(list(label + "source_type=1")));
    assertEquals(List.of(a), ids(list(label + "source_type=tag")));
    assertEquals(List.of(b), ids(list(label + "source_type=module")));
    assertEquals(List.of(a), ids(list(label + "state=0")));
    assertEquals(List.of(a), ids(list(label + "state=wait")));
    assertEquals(List.of(b), ids(list(label + "state=2")));
    assertEquals(List.of(b), ids(list(label + "state=done")));
    assertEquals(List.of(b), ids(list(label + "koji_task_id=4712")));
    assertEquals(List.of(a), ids(list("pungi_compose_id=Fedora-A-" + run)));
    assertEquals(List.of(b), ids(list(label + "compose_type=production")));
    assertEquals(List.of(b, a), ids(list("label=" + run)));
    assertEquals(List.of(), ids(list(label + "owner=owner-a-" + run + "&state=done")));
  }

  @Test
  void emptyFiltersAreIgnored() {
    assertEquals(List.of(second, first), pairIds("owner=&state=&source_type=&source="));
  }

  @Test
  void unknownParametersAreIgnored() {
    assertEquals(List.of(second, first), pairIds("colour=blue"));
  }

  @Test
  void unknownStateIsRefused() {
    assertError(api.get(COMPOSES + "?state=foo"), 400, "Unknown state \"foo\"");
  }

  @Test
  void unknownSourceTypeIsRefused() {
    assertError(api.get(COMPOSES + "?source_type=foo"), 400, "Unknown source type \"foo\"");
  }

  // Ordering: three composes whose values order differently for each key.

  private static String orderLabel;
  private static long a;
  private static long b;
  private static long c;

  private static synchronized void seedOrdering() {
    if (orderLabel != null) {
      return;
    }
    orderLabel = "order-" + Api.unique();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    a =
        compose()
            .owner("o-b-" + orderLabel)
            .sourceType(ComposeRows.PUNGI_COMPOSE)
            .source("http://example.com/a")
            .state(ComposeRows.REMOVED)
            .kojiEvent(10)
            .submitted(now.minusSeconds(10))
            .expires(now.plus(Duration.ofDays(2)))
            .done(now.minus(Duration.ofHours(3)))
            .removed(now.minus(Duration.ofHours(2)))
            .label(orderLabel)
            .insert();
    b =
        compose()
            .owner("o-c-" + orderLabel)
            .sourceType(ComposeRows.TAG)
            .source("b")
            .state(ComposeRows.WAIT)
            .kojiEvent(30)
            .submitted(now.minusSeconds(30))
            .expires(now.plus(Duration.ofDays(3)))
            .done(now.minus(Duration.ofHours(1)))
            .removed(now.minus(Duration.ofHours(3)))
            .label(orderLabel)
            .insert();
    c =
        compose()
            .owner("o-a-" + orderLabel)
            .sourceType(ComposeRows.MODULE)
            .source("c:c")
            .state(ComposeRows.FAILED)
            .kojiEvent(20)
            .submitted(now.minusSeconds(20))
            .expires(now.plus(Duration.ofDays(1)))
            .done(now.minus(Duration.ofHours(2)))
            .removed(now.minus(Duration.ofHours(1)))
            .label(orderLabel)
            .insert();
  }

  static Stream<Arguments> orderKeys() {
    return Stream.of(
        Arguments.of("id", "abc"),
        Arguments.of("owner", "cab"),
        Arguments.of("source_type", "bca"),
        Arguments.of("source_Type", "bca"),
        Arguments.of("koji_event", "acb"),
        Arguments.of("state", "bac"),
        Arguments.of("time_to_expire", "cab"),
        Arguments.of("time_submitted", "bca"),
        Arguments.of("time_done", "acb"),
        Arguments.of("time_removed", "bac"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderKeys")
  void orderByEachKeyBothWays(String key, String ascending) {
    seedOrdering();
    List<Long> expected = new ArrayList<>();
    for (char name : ascending.toCharArray()) {
      expected.add(name == 'a' ? a : name == 'b' ? b : c);
    }
    String label = "label=" + orderLabel + "&order_by=";
    assertEquals(expected, ids(list(label + key)), "ascending " + key);
    assertEquals(reversed(expected), ids(list(label + "-" + key)), "descending " + key);
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "-", "source", "ID", "-foo"})
  void otherOrderKeysAreRefused(String key) {
    Api.assertErrorStartsWith(
        api.get(COMPOSES + "?order_by=" + key),
        400,
        "An invalid order_by key was supplied, allowed keys are: ");
  }

  // Pagination.

  @Test
  void paginationLinksRoundTrip() {
    String label = "pages-" + Api.unique();
    List<Long> seeded = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seeded.add(compose().label(label).insert());
    }
    List<Long> newestFirst = reversed(seeded);

    JsonObject page1 = list("label=" + label + "&per_page=2");
    JsonObject meta = page1.getJsonObject("meta");
    assertEquals(1, meta.getInt("page"));
    assertEquals(3, meta.getInt("pages"));
    assertEquals(2, meta.getInt("per_page"));
    assertEquals(5, meta.getInt("total"));
    assertEquals(JsonValue.NULL, meta.get("prev"));
    assertEquals(newestFirst.subList(0, 2), ids(page1));
    assertLink(meta.getString("first"), 1, 2, label);
    assertLink(meta.getString("last"), 3, 2, label);
    assertLink(meta.getString("next"), 2, 2, label);

    JsonObject page2 = ok(api.get(meta.getString("next")));
    JsonObject meta2 = page2.getJsonObject("meta");
    assertEquals(2, meta2.getInt("page"));
    assertEquals(newestFirst.subList(2, 4), ids(page2));
    assertLink(meta2.getString("prev"), 1, 2, label);

    JsonObject page3 = ok(api.get(meta2.getString("next")));
    JsonObject meta3 = page3.getJsonObject("meta");
    assertEquals(3, meta3.getInt("page"));
    assertEquals(newestFirst.subList(4, 5), ids(page3));
    assertEquals(JsonValue.NULL, meta3.get("next"));
    assertEquals(ids(page2), ids(ok(api.get(meta3.getString("prev")))));
    assertEquals(ids(page3), ids(ok(api.get(meta.getString("last")))));
    assertEquals(ids(page1), ids(ok(api.get(meta3.getString("first")))));
  }

  private static List<Long> reversed(List<Long> list) {
    List<Long> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /** An absolute link to the list with page, per_page and the other arguments of the request. */
  private static void assertLink(String link, int page, int perPage, String label) {
    URI uri = URI.create(link);
    assertTrue(uri.isAbsolute(), link);
    assertEquals(URI.create(OdcsServer.get().baseUrl()).getAuthority(), uri.getAuthority(), link);
    assertEquals(COMPOSES, uri.getPath(), link);
    List<String> query = List.of(uri.getRawQuery().split("&"));
    assertTrue(query.contains("page=" + page), link);
    assertTrue(query.contains("per_page=" + perPage), link);
    assertTrue(query.contains("label=" + label), link);
  }

  @Test
  void defaultPageSizeIsTen() {
    JsonObject meta = list("label=" + PAIR).getJsonObject("meta");
    assertEquals(1, meta.getInt("page"));
    assertEquals(1, meta.getInt("pages"));
    assertEquals(10, meta.getInt("per_page"));
    assertEquals(2, meta.getInt("total"));
    assertEquals(JsonValue.NULL, meta.get("next"));
    assertEquals(JsonValue.NULL, meta.get("prev"));
  }

  @Test
  void pageBeyondTheLastIsEmptyWithAPreviousLink() {
    JsonObject page = list("label=" + PAIR + "&page=5");
    assertEquals(List.of(), ids(page));
    assertEquals(5, page.getJsonObject("meta").getInt("page"));
    assertEquals(JsonValue.NULL, page.getJsonObject("meta").get("next"));
    assertLink(page.getJsonObject("meta").getString("prev"), 4, 10, PAIR);
  }

  @Test
  void emptyResultHasNoPages() {
    JsonObject page = list("label=nothing-" + Api.unique());
    assertEquals(List.of(), ids(page));
    JsonObject meta = page.getJsonObject("meta");
    assertEquals(0, meta.getInt("total"));
    assertEquals(0, meta.getInt("pages"));
    assertEquals(JsonValue.NULL, meta.get("next"));
    assertEquals(JsonValue.NULL, meta.get("prev"));
  }

  @Test
  void pageSizeIsCappedAtOneHundred() {
    assertEquals(100, list("per_page=1000").getJsonObject("meta").getInt("per_page"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"page", "per_page"})
  void pagingParametersMustBePositiveIntegers(String key) {
    for (String bad : List.of("abc", "0", "-1", "1.5")) {
      assertError(
          api.get(COMPOSES + "?" + key + "=" + bad),
          400,
          "\"" + key + "\" must be a positive integer");
    }
  }

  @Test
  void listItemsAreFullComposes() {
    JsonObject item = items(list("owner=" + ME)).getJsonObject(0);
    JsonObject single = ok(api.get(Api.composeUrl(second)));
    assertFalse(single.isEmpty());
    JsonObject withoutDump =
        jakarta.json.Json.createObjectBuilder(single).remove("pungi_config_dump").build();
    assertEquals(withoutDump, item);
  }
}
