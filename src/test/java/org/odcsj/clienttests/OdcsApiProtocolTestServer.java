package org.odcsj.clienttests;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A protocol test server for the ODCS API on loopback: records every request as sent and answers
 * with the queued replies, then with a compose JSON (id 7, state wait) — to check what the client
 * and the CLI put on the wire, and how they take errors.
 */
final class OdcsApiProtocolTestServer implements AutoCloseable {

  record Request(String method, String uri, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Reply(int status, String body) {}

  static final String COMPOSE =
      "{\"id\": 7, \"owner\": \"unknown\", \"source_type\": 3, \"source\": \"/r\", \"state\": 0,"
          + " \"state_name\": \"wait\", \"state_reason\": null, \"time_submitted\":"
          + " \"2026-12-05T08:00:00Z\", \"time_started\": null, \"time_done\": null,"
          + " \"time_removed\": null, \"time_to_expire\": \"2026-12-06T08:00:00Z\","
          + " \"result_repo\": \"http://x/composes/odcs-7/compose/Temporary\","
          + " \"result_repofile\": \"http://x/composes/odcs-7/compose/Temporary/odcs-7.repo\","
          + " \"toplevel_url\": \"http://x/composes/odcs-7\", \"flags\": [], \"results\":"
          + " [\"repository\"], \"arches\": \"x86_64\", \"sigkeys\": \"\", \"koji_event\": null}";

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();

  OdcsApiProtocolTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Reply reply = replies.poll();
          if (reply == null) {
            reply =
                new Reply(
                    200,
                    exchange.getRequestURI().getPath().endsWith("/composes/")
                            && exchange.getRequestMethod().equals("GET")
                        ? "{\"items\": ["
                            + COMPOSE
                            + "], \"meta\": {\"page\": 1, \"pages\": 1,"
                            + " \"per_page\": 10, \"total\": 1}}"
                        : COMPOSE);
          }
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
