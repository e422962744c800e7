package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Requests to one server from one source address, with the ODCS envelope checks of the tests. */
final class ProxyClient {

  private final String baseUrl;
  private final String source;

  private ProxyClient(String baseUrl, String source) {
    this.baseUrl = baseUrl;
    this.source = source;
  }

  /** From the trusted front proxy's address. */
  static ProxyClient trusted(String baseUrl) {
    return new ProxyClient(baseUrl, ProxiedRequests.PROXY_ADDRESS);
  }

  /** From an ordinary client's address (127.0.0.1), whose identity headers count for nothing. */
  static ProxyClient untrusted(String baseUrl) {
    return new ProxyClient(baseUrl, "127.0.0.1");
  }

  ProxiedRequests.Response send(
      String method, String path, String body, Map<String, String> headers) {
    try {
      return ProxiedRequests.send(source, baseUrl, method, path, body, headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs a compose and returns its JSON (asserting 200). */
  JsonObject submit(String body, Map<String, String> headers) {
    var response = send("POST", "/api/1/composes/", body, headers);
    assertEquals(200, response.status(), response::body);
    return response.json();
  }

  static void assertError(ProxiedRequests.Response response, int status, String message) {
    assertEquals(status, response.status(), response::body);
    JsonObject error = response.json();
    assertEquals(status, error.getInt("status"), response::body);
    assertEquals(message, error.getString("message"), response::body);
    assertEquals(3, error.size(), response::body);
  }
}
