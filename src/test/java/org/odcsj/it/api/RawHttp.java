package org.odcsj.it.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for what {@link java.net.http.HttpClient} will not send: malformed
 * percent-encoding, a {@code Content-Length} larger than the bytes that follow, an endless chunked
 * body. One request per connection ({@code Connection: close}).
 */
final class RawHttp {
  private RawHttp() {}

  record Answer(int status, String contentType, String body) {}

  /** Sends the head and {@code body} as it is (with {@code Content-Length} when not null). */
  static Answer send(String baseUrl, String method, String target, byte[] body) throws IOException {
    try (Socket s = connect(baseUrl)) {
      OutputStream out = s.getOutputStream();
      out.write(
          head(baseUrl, method, target, body == null ? null : "Content-Length: " + body.length));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(s.getInputStream());
    }
  }

  /**
   * Announces {@code declared} bytes but sends only {@code sent} (≤ declared), then reads the
   * answer: a server that waits for the whole body would time out here.
   */
  static Answer sendPartial(String baseUrl, String target, long declared, int sent)
      throws IOException {
    try (Socket s = connect(baseUrl)) {
      OutputStream out = s.getOutputStream();
      out.write(head(baseUrl, "POST", target, "Content-Length: " + declared));
      out.write(filler(sent));
      out.flush();
      return read(s.getInputStream());
    }
  }

  /**
   * A chunked body of 64 KiB chunks, up to {@code max} bytes, stopping early when the server has
   * answered (or closed); then reads the answer.
   */
  static Answer sendChunked(String baseUrl, String target, long max) throws IOException {
    try (Socket s = connect(baseUrl)) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(head(baseUrl, "POST", target, "Transfer-Encoding: chunked"));
      byte[] chunk = filler(1 << 16);
      byte[] size =
          (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      try {
        for (long written = 0; written < max && in.available() == 0; written += chunk.length) {
          out.write(size);
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedByServer) {
        // the server answered and closed while we were still sending: read what it said
      }
      return read(in);
    }
  }

  private static Socket connect(String baseUrl) throws IOException {
    URI u = URI.create(baseUrl);
    Socket s = new Socket();
    s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5_000);
    s.setSoTimeout(30_000);
    return s;
  }

  private static byte[] head(String baseUrl, String method, String target, String bodyHeader) {
    URI u = URI.create(baseUrl);
    String head =
        method
            + " "
            + target
            + " HTTP/1.1\r\nHost: "
            + u.getHost()
            + ":"
            + u.getPort()
            + "\r\nX-Test-User: dev\r\nContent-Type: application/json\r\nConnection: close\r\n"
            + (bodyHeader == null ? "" : bodyHeader + "\r\n")
            + "\r\n";
    return head.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A JSON string's worth of {@code a}s: {@code {"label": "aaaa…"}} cut to {@code n} bytes. */
  static byte[] filler(int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) 'a');
    byte[] start = "{\"label\": \"".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(start, 0, b, 0, Math.min(start.length, n));
    return b;
  }

  /**
   * Status line, headers and body (by {@code Content-Length}, chunked, or to the end): not waiting
   * for the connection to close, which a server may delay while it discards the rest of a body it
   * refused.
   */
  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("no complete answer: " + head);
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && b == "\r\n\r\n".charAt(matched) ? matched + 1 : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).trim().split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    String contentType = null;
    boolean chunked = false;
    long length = -1;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        contentType = line.substring(13).trim();
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunks(in);
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] readChunks(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          return out.toByteArray();
        }
        line.append((char) b);
      }
      int size = Integer.parseInt(line.toString().split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      in.readNBytes(2); // CRLF after the chunk
    }
  }
}
