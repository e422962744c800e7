package org.odcsj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.odcsj.compose.Compose;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;

/** The compose JSON as the generator writes it: every key, in ODCS's order, compact. */
class ComposeJsonTest {

  private static final String URL = "https://odcs.example.com/composes/";
  private static final Instant SUBMITTED = Instant.parse("2026-01-02T03:04:05.678Z");

  private static Compose doneCompose() throws ReflectiveOperationException {
    Compose c =
        new Compose(
            NewCompose.builder("alice", SourceType.REPO, "/srv/repo \"x\"")
                .packages("bash zsh")
                .sigkeys("abc ")
                .submitted(SUBMITTED, 3600)
                .build());
    // The database assigns ids; a unit test has none.
    Field id = Compose.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(c, 42L);
    c.startGenerating(SUBMITTED.plusSeconds(1));
    c.finishDone(SUBMITTED.plusSeconds(61));
    return c;
  }

  private static String written(Compose c, ComposeJson.Form form) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Jsonp.GENERATORS.createGenerator(out)) {
      ComposeJson.write(g, c, form, URL);
    }
    return out.toString();
  }

  private static final String SUMMARY_FIELDS_BEFORE_DUMP =
      "{\"arches\":\"x86_64\",\"base_module_br_name\":null,\"base_module_br_stream\":null,"
          + "\"base_module_br_stream_version_gte\":null,"
          + "\"base_module_br_stream_version_lte\":null,\"builds\":null,"
          + "\"compose_type\":\"test\",\"flags\":[],\"id\":42,\"koji_event\":null,"
          + "\"koji_task_id\":null,\"label\":null,\"lookaside_repos\":\"\","
          + "\"modular_koji_tags\":null,\"module_defaults_url\":null,\"modules\":null,"
          + "\"multilib_arches\":\"\",\"multilib_method\":0,\"owner\":\"alice\","
          + "\"packages\":\"bash zsh\",\"parent_pungi_compose_ids\":null,"
          + "\"pungi_compose_id\":null,";

  private static final String FIELDS_AFTER_DUMP =
      "\"removed_by\":null,\"respin_of\":null,"
          + "\"result_repo\":\"https://odcs.example.com/composes/odcs-42/compose/Temporary\","
          + "\"result_repofile\":"
          + "\"https://odcs.example.com/composes/odcs-42/compose/Temporary/odcs-42.repo\","
          + "\"results\":[\"repository\"],\"scratch_build_tasks\":null,"
          + "\"scratch_modules\":null,\"sigkeys\":\"abc \",\"source\":\"/srv/repo \\\"x\\\"\","
          + "\"source_type\":3,\"state\":2,\"state_name\":\"done\","
          + "\"state_reason\":\"Compose is generated successfully\",\"target_dir\":\"default\","
          + "\"time_done\":\"2026-01-02T03:05:06Z\",\"time_removed\":null,"
          + "\"time_started\":\"2026-01-02T03:04:06Z\","
          + "\"time_submitted\":\"2026-01-02T03:04:05Z\","
          + "\"time_to_expire\":\"2026-01-02T04:05:06Z\","
          + "\"toplevel_url\":\"https://odcs.example.com/composes/odcs-42\"}";

  @Test
  void summaryHasEveryKeyInAlphabeticalOrderWithoutTheConfigDump() throws Exception {
    assertEquals(
        SUMMARY_FIELDS_BEFORE_DUMP + FIELDS_AFTER_DUMP,
        written(doneCompose(), ComposeJson.Form.SUMMARY));
  }

  @Test
  void detailAddsTheConfigDumpInItsPlace() throws Exception {
    assertEquals(
        SUMMARY_FIELDS_BEFORE_DUMP + "\"pungi_config_dump\":null," + FIELDS_AFTER_DUMP,
        written(doneCompose(), ComposeJson.Form.DETAIL));
  }

  @Test
  void theWrittenTextIsWhatAJsonObjectOfTheSameDocumentPrints() throws Exception {
    // JAX-RS used to print a built JsonObject: the generator must give the same bytes.
    String text = written(doneCompose(), ComposeJson.Form.DETAIL);
    try (var reader = Jsonp.JSON.createReader(new java.io.StringReader(text))) {
      assertEquals(text, reader.readObject().toString());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator g = Jsonp.GENERATORS.createGenerator(bytes)) {
      ComposeJson.write(g, doneCompose(), ComposeJson.Form.DETAIL, URL);
    }
    assertEquals(text, bytes.toString(StandardCharsets.UTF_8));
  }
}
