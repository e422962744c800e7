package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/** Catalog §10.11 (M-01, M-02) and V-19, against rows seeded in the server's real database. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class MetricsCatalogIT {

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());

  @Test
  void v19_metricsHaveTheComposesTotalHelp() {
    var reply = api.get("/api/1/metrics/");
    assertEquals(200, reply.status());
    assertTrue(reply.body().contains("HELP composes_total Total number of composes"));
  }

  @Test
  void m01_composesTotalCountsEveryTypeAndStateCombination() throws Exception {
    String before = api.get("/api/1/metrics/").body();
    assertEquals(35, count(before, "^composes_total\\{"));
    String module = "composes_total{source_type=\"module\",state=\"wait\"}";
    String tag = "composes_total{source_type=\"tag\",state=\"wait\"}";
    double moduleBefore = sample(before, module);
    double tagBefore = sample(before, tag);
    // Seeded rows in wait are never picked up (no message), so these two counts are stable.
    ComposeRows.compose().module("m01:master").state(ComposeRows.WAIT).insert();
    ComposeRows.compose().tag("m01-tag").state(ComposeRows.WAIT).insert();
    String after = api.get("/api/1/metrics/").body();
    assertEquals(moduleBefore + 1, sample(after, module));
    assertEquals(tagBefore + 1, sample(after, tag));
    assertEquals(35, count(after, "^composes_total\\{"));
  }

  @Test
  void m02_rawConfigSourcesSeenLessThanFiveTimesAreAggregated() throws Exception {
    String name = "m02" + UUID.randomUUID().toString().substring(0, 8);
    Instant later = Instant.now().plusSeconds(3600);
    for (int i = 0; i < 15; i++) {
      ComposeRows.compose()
          .rawConfig(name + "#bar")
          .state(ComposeRows.DONE)
          .expires(later)
          .insert();
    }
    for (int i = 0; i < 10; i++) {
      ComposeRows.compose()
          .rawConfig(name + "#hash" + i)
          .state(ComposeRows.DONE)
          .expires(later)
          .insert();
    }
    String metrics = api.get("/api/1/metrics/").body();
    assertEquals(
        15, sample(metrics, "raw_config_composes_count_total{source=\"" + name + "#bar\"}"));
    assertEquals(
        10,
        sample(
            metrics,
            "raw_config_composes_count_total{source=\"" + name + "#other_commits_or_branches\"}"));
    assertEquals(
        15,
        sample(metrics, "raw_config_composes_total{source=\"" + name + "#bar\",state=\"done\"}"));
    assertEquals(
        0,
        sample(metrics, "raw_config_composes_total{source=\"" + name + "#bar\",state=\"wait\"}"));
  }

  private static double sample(String metrics, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    assertTrue(m.find(), "no sample " + series);
    return Double.parseDouble(m.group(1));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
