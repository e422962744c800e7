package org.odcsj.it.auth;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 requests sent from a chosen loopback source address (java.net.http cannot bind one on
 * Java 17): the servers trust proxy identity headers from 127.0.0.2 only, so a test acts as that
 * proxy — or as an ordinary client on 127.0.0.1 sending the same headers.
 */
final class ProxiedRequests {

  /** The address the auth test servers trust as a front proxy. */
  static final String PROXY_ADDRESS = "127.0.0.2";

  record Response(int status, String body, Map<String, String> headers) {
    JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }
  }

  private ProxiedRequests() {}

  static Response send(
      String sourceAddress,
      String baseUrl,
      String method,
      String path,
      String body,
      Map<String, String> headers)
      throws IOException {
    URI uri = URI.create(baseUrl);
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
    request.append("Connection: close\r\n");
    request.append("Content-Length: ").append(content.length).append("\r\n");
    if (body != null) {
      request.append("Content-Type: application/json\r\n");
    }
    headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(sourceAddress, 0));
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int headerEnd = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, headerEnd).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(headerEnd + 4);
    if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
      body = unchunk(body);
    }
    return new Response(status, body, headers);
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int pos = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", pos);
      int size = Integer.parseInt(chunked.substring(pos, lineEnd).trim().split(";")[0], 16);
      if (size == 0) {
        return out.toString();
      }
      // Sizes count bytes; the bodies here are ASCII JSON.
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      pos = lineEnd + 2 + size + 2;
    }
  }
}
