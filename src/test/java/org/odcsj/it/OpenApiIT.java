package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document Payara serves at {@code /openapi} (our {@code META-INF/openapi.yaml}, as
 * JSON when asked for it) describes the whole API v1 — and what it describes is what the server
 * answers.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class OpenApiIT {

  private static final Map<String, List<String>> OPERATIONS =
      Map.of(
          "/api/1/composes/", List.of("get", "post"),
          "/api/1/composes/{id}", List.of("get", "patch", "delete"),
          "/api/1/about/", List.of("get"),
          "/api/1/metrics/", List.of("get"));

  private static OdcsApi api;
  private static JsonObject doc;

  @BeforeAll
  static void fetchDocument() throws Exception {
    api = new OdcsApi(OdcsServer.get().baseUrl());
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/openapi"))
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        () -> "Content-Type " + response.headers().firstValue("Content-Type"));
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      doc = reader.readObject();
    }
  }

  @Test
  void describesEveryPathAndMethodOfApiV1() {
    assertTrue(doc.getString("openapi").startsWith("3.0"), doc.getString("openapi"));
    assertTrue(doc.getJsonObject("info").getString("title").contains("ODCS"));
    JsonObject paths = doc.getJsonObject("paths");
    OPERATIONS.forEach(
        (path, methods) -> {
          assertTrue(paths.containsKey(path), () -> path + " missing from " + paths.keySet());
          for (String method : methods) {
            JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
            assertTrue(operation != null, () -> method + " " + path + " missing");
            assertTrue(operation.containsKey("operationId"), () -> method + " " + path);
            assertTrue(operation.containsKey("responses"), () -> method + " " + path);
          }
        });
    // Operation ids are unique across the document (code generators need that).
    Set<String> ids = new HashSet<>();
    paths.forEach(
        (path, item) ->
            item.asJsonObject()
                .forEach(
                    (method, op) -> {
                      if (op instanceof JsonObject o && o.containsKey("operationId")) {
                        String id = o.getString("operationId");
                        assertTrue(ids.add(id), () -> "duplicate operationId " + id);
                      }
                    }));
  }

  @Test
  void statusCodesOfEveryOperation() {
    assertEquals(Set.of("200", "400", "401", "403"), responses("/api/1/composes/", "post"), "POST");
    assertEquals(Set.of("200", "400"), responses("/api/1/composes/", "get"), "list");
    assertEquals(Set.of("200", "404"), responses("/api/1/composes/{id}", "get"), "GET by id");
    assertEquals(
        Set.of("200", "400", "401", "403", "404"),
        responses("/api/1/composes/{id}", "patch"),
        "PATCH");
    assertEquals(
        Set.of("202", "400", "401", "403", "404"),
        responses("/api/1/composes/{id}", "delete"),
        "DELETE");
    assertEquals(Set.of("200"), responses("/api/1/about/", "get"));
    assertTrue(
        operation("/api/1/metrics/", "get")
            .getJsonObject("responses")
            .getJsonObject("200")
            .getJsonObject("content")
            .keySet()
            .stream()
            .anyMatch(type -> type.startsWith("text/plain; version=0.0.4")));
    JsonObject common = doc.getJsonObject("components").getJsonObject("responses");
    assertTrue(common.containsKey("MethodNotAllowed"), "405 is described");
    assertTrue(common.containsKey("NotFound"), "404 of unknown routes is described");
    assertEquals(
        Set.of("status", "error", "message"),
        strings(schema("Error").getJsonArray("required")),
        "error envelope");
  }

  @Test
  void postBodyDescribesEveryRequestField() {
    JsonObject body =
        resolve(
            operation("/api/1/composes/", "post")
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("schema"));
    assertTrue(
        body.getJsonObject("properties")
            .keySet()
            .containsAll(
                List.of(
                    "source",
                    "seconds_to_live",
                    "seconds-to-live",
                    "flags",
                    "results",
                    "arches",
                    "multilib_arches",
                    "multilib_method",
                    "lookaside_repos",
                    "label",
                    "compose_type",
                    "target_dir",
                    "parent_pungi_compose_ids",
                    "respin_of")),
        () -> body.getJsonObject("properties").keySet().toString());
    assertTrue(
        body.getJsonObject("properties").getJsonObject("seconds-to-live").getBoolean("deprecated"));
    JsonObject source = resolve(body.getJsonObject("properties").getJsonObject("source"));
    assertEquals(
        Set.of(
            "type",
            "source",
            "packages",
            "builds",
            "sigkeys",
            "koji_event",
            "modules",
            "scratch_modules",
            "scratch_build_tasks",
            "modular_koji_tags",
            "module_defaults_url",
            "module_defaults_commit",
            "base_module_br_name",
            "base_module_br_stream",
            "base_module_br_stream_version_lte",
            "base_module_br_stream_version_gte"),
        source.getJsonObject("properties").keySet());
    assertEquals(Set.of("type"), strings(source.getJsonArray("required")));
    assertEquals(
        List.of("tag", "module", "repo", "pulp", "raw_config", "build", "pungi_compose"),
        List.copyOf(
            strings(
                resolve(source.getJsonObject("properties").getJsonObject("type"))
                    .getJsonArray("enum"))));

    JsonObject patch =
        resolve(
            operation("/api/1/composes/{id}", "patch")
                .getJsonObject("requestBody")
                .getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("schema"));
    assertTrue(
        patch
            .getJsonObject("properties")
            .keySet()
            .containsAll(List.of("seconds_to_live", "sigkeys")));
    assertEquals(
        Set.of("modules", "builds"),
        patch
            .getJsonObject("properties")
            .getJsonObject("source")
            .getJsonObject("properties")
            .keySet());
  }

  @Test
  void hasARequestExampleAndACompleteComposeExample() {
    JsonObject examples =
        operation("/api/1/composes/", "post")
            .getJsonObject("requestBody")
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("examples");
    assertFalse(examples.isEmpty(), "POST request examples");
    JsonObject repo = examples.getJsonObject("repo").getJsonObject("value");
    assertEquals("repo", repo.getJsonObject("source").getString("type"));

    // Payara leaves null and empty values out of a served example's value, so the complete
    // compose JSON is also in the example's description, as a JSON code block.
    JsonObject example =
        resolve(
            operation("/api/1/composes/", "post")
                .getJsonObject("responses")
                .getJsonObject("200")
                .getJsonObject("content")
                .getJsonObject("application/json")
                .getJsonObject("examples")
                .getJsonObject("submitted"));
    Set<String> required = strings(schema("Compose").getJsonArray("required"));
    JsonObject submitted = example.getJsonObject("value");
    assertTrue(required.containsAll(submitted.keySet()), () -> submitted.keySet().toString());
    String description = example.getString("description");
    String json =
        description.substring(
            description.indexOf("```json") + "```json".length(), description.lastIndexOf("```"));
    JsonObject complete;
    try (var reader = Json.createReader(new StringReader(json))) {
      complete = reader.readObject();
    }
    assertEquals(required, complete.keySet(), "the complete example has every key");
    submitted.forEach((key, value) -> assertEquals(complete.get(key), value, key));
    assertEquals(JsonValue.NULL, complete.get("state_reason"));
    assertEquals("wait", submitted.getString("state_name"));
  }

  @Test
  void documentedShapesAreWhatTheServerAnswers() {
    // POST: the compose JSON has exactly the documented keys (progress only while generating).
    JsonObject created =
        api.submit(
            "{\"source\": {\"type\": \"tag\", \"source\": \"f40-build\"}, \"label\": \"openapi-"
                + System.nanoTime()
                + "\"}");
    Set<String> required = strings(schema("Compose").getJsonArray("required"));
    Set<String> properties = schema("Compose").getJsonObject("properties").keySet();
    assertEquals(required, created.keySet(), "POST answer");
    assertEnum("StateName", created.getString("state_name"));
    assertEnum("SourceTypeCode", created.get("source_type"));

    // GET by id: every key documented, pungi_config_dump included.
    long id = created.getJsonNumber("id").longValue();
    JsonObject detail = api.compose(id);
    Set<String> detailKeys = new TreeSet<>(properties);
    detailKeys.add("pungi_config_dump");
    assertTrue(detail.keySet().containsAll(required), () -> "GET answer: " + detail.keySet());
    assertTrue(detailKeys.containsAll(detail.keySet()), () -> "GET answer: " + detail.keySet());
    assertTrue(detail.containsKey("pungi_config_dump"));
    if (detail.get("progress") instanceof JsonObject progress) {
      assertEquals(Set.of("phase", "percent"), progress.keySet());
    }

    // List: items and meta.
    JsonObject list = api.get("/api/1/composes/?per_page=1").json();
    assertEquals(Set.of("items", "meta"), list.keySet());
    assertEquals(
        strings(schema("PageMeta").getJsonArray("required")), list.getJsonObject("meta").keySet());

    // DELETE: {status, message}.
    OdcsApi.Reply deleted = api.delete("/api/1/composes/" + id);
    assertEquals(202, deleted.status(), deleted.body());
    assertEquals(strings(schema("Accepted").getJsonArray("required")), deleted.json().keySet());

    // Errors: the envelope.
    OdcsApi.Reply missing = api.get("/api/1/composes/999999999");
    assertEquals(404, missing.status());
    assertEquals(strings(schema("Error").getJsonArray("required")), missing.json().keySet());
    OdcsApi.Reply wrongMethod = api.send("PUT", "/api/1/about/", "{}");
    assertEquals(405, wrongMethod.status(), wrongMethod.body());
    assertEquals(strings(schema("Error").getJsonArray("required")), wrongMethod.json().keySet());

    // About.
    assertEquals(
        strings(schema("About").getJsonArray("required")),
        api.get("/api/1/about/").json().keySet());
  }

  // ------------------------------------------------------------------ helpers

  private static JsonObject operation(String path, String method) {
    return doc.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
  }

  private static Set<String> responses(String path, String method) {
    return operation(path, method).getJsonObject("responses").keySet();
  }

  private static JsonObject schema(String name) {
    return doc.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  /** Follows a local {@code $ref} ({@code #/components/...}). */
  private static JsonObject resolve(JsonObject value) {
    if (!value.containsKey("$ref")) {
      return value;
    }
    JsonObject target = doc;
    for (String part : value.getString("$ref").substring(2).split("/")) {
      target = target.getJsonObject(part);
    }
    return resolve(target);
  }

  private static void assertEnum(String schemaName, JsonValue value) {
    assertTrue(
        schema(schemaName).getJsonArray("enum").contains(value),
        () -> value + " is not in " + schemaName);
  }

  private static void assertEnum(String schemaName, String value) {
    assertEnum(schemaName, Json.createValue(value));
  }

  private static Set<String> strings(JsonArray array) {
    Set<String> out = new LinkedHashSet<>();
    array.getValuesAs(JsonString.class).forEach(s -> out.add(s.getString()));
    return out;
  }
}
