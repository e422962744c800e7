package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;

/** Shared helpers of the API tests: identities, error envelopes, JSON and time checks. */
public final class Api {

  public static final String COMPOSES = "/api/1/composes/";
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  private static final Map<Integer, String> REASONS =
      Map.of(
          400, "Bad Request",
          401, "Unauthorized",
          403, "Forbidden",
          404, "Not Found",
          405, "Method Not Allowed",
          500, "Internal Server Error",
          503, "Service Unavailable");

  private Api() {}

  /** The main server, anonymous (the server is {@code noauth}: owner {@code unknown}). */
  static OdcsApi anonymous() {
    return new OdcsApi(OdcsServer.get().baseUrl());
  }

  /** The main server, acting as {@code user} with {@code groups}. */
  static OdcsApi as(String user, String... groups) {
    return anonymous().as(user, groups);
  }

  static String composeUrl(long id) {
    return COMPOSES + id;
  }

  /** A suffix that makes owners, sources and labels unique to one test run. */
  public static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  static JsonObject parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  public static long id(JsonObject compose) {
    return compose.getJsonNumber("id").longValue();
  }

  /** Asserts a 200 answer and returns its JSON. */
  public static JsonObject ok(Reply reply) {
    assertEquals(200, reply.status(), reply::body);
    return reply.json();
  }

  /** Asserts the ODCS error envelope: {@code {"status", "error", "message"}}, nothing else. */
  public static JsonObject assertError(Reply reply, int status, String message) {
    JsonObject error = assertErrorEnvelope(reply, status);
    assertEquals(message, error.getString("message"), reply::body);
    return error;
  }

  static JsonObject assertErrorStartsWith(Reply reply, int status, String prefix) {
    JsonObject error = assertErrorEnvelope(reply, status);
    String message = error.getString("message");
    assertTrue(
        message.startsWith(prefix), () -> "message does not start with " + prefix + ": " + message);
    return error;
  }

  public static JsonObject assertErrorContains(Reply reply, int status, String part) {
    JsonObject error = assertErrorEnvelope(reply, status);
    String message = error.getString("message");
    assertTrue(message.contains(part), () -> "message does not contain " + part + ": " + message);
    return error;
  }

  public static JsonObject assertErrorEnvelope(Reply reply, int status) {
    assertEquals(status, reply.status(), reply::body);
    assertTrue(
        reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        () -> "not JSON: " + reply.raw().headers().map());
    JsonObject error = reply.json();
    assertEquals(
        Map.of("status", status, "error", REASONS.get(status)),
        Map.of("status", error.getInt("status"), "error", error.getString("error")),
        reply::body);
    assertEquals(3, error.size(), () -> "unexpected keys in " + reply.body());
    return error;
  }

  /** Asserts the 202 body of DELETE: exactly {@code {"status": 202, "message": …}}. */
  public static void assertAccepted(Reply reply, String message) {
    assertEquals(202, reply.status(), reply::body);
    assertEquals(
        Json.createObjectBuilder().add("status", 202).add("message", message).build(),
        reply.json());
  }

  /** An ODCS date ({@code YYYY-MM-DDTHH:MM:SSZ}) as an instant. */
  static Instant time(JsonObject compose, String key) {
    String value = compose.getString(key);
    assertTrue(DATE.matcher(value).matches(), () -> key + " is not an ODCS date: " + value);
    return Instant.parse(value);
  }

  static boolean isNull(JsonObject compose, String key) {
    assertTrue(compose.containsKey(key), () -> "missing key " + key + " in " + compose);
    return compose.get(key) == JsonValue.NULL;
  }

  static void assertNull(JsonObject compose, String key) {
    assertTrue(isNull(compose, key), () -> key + " is not null in " + compose);
  }

  /** Asserts {@code actual} is {@code expected} give or take {@code slack}. */
  static void assertAround(Instant expected, Instant actual, Duration slack) {
    assertTrue(
        Duration.between(expected, actual).abs().compareTo(slack) <= 0,
        () -> "expected about " + expected + " (± " + slack + ") but was " + actual);
  }

  static List<Long> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getJsonNumber("id").longValue())
        .toList();
  }

  static JsonArray items(JsonObject page) {
    return page.getJsonArray("items");
  }

  static void assertNoKey(JsonObject object, String key) {
    assertFalse(object.containsKey(key), () -> "unexpected key " + key + " in " + object);
  }

  /** Polls until {@code id} is in {@code state}. */
  public static JsonObject awaitState(OdcsApi api, long id, String state) {
    return api.awaitState(id, TIMEOUT, state);
  }
}
