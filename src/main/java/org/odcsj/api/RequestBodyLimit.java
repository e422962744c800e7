package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.odcsj.config.OdcsConfig;

/**
 * Bounds and checks an API request body before anything parses it. Above {@code
 * odcs.api.max-body-bytes} it is answered 413 — at once when {@code Content-Length} says so, else
 * (chunked) as soon as the limit is passed — and the answer is flushed and the connection closed,
 * so a body is never read whole. A body within the limit must be UTF-8 (JSON is), so that no
 * replacement character ever reaches the database. A servlet filter, not a JAX-RS one: only here
 * can the answer go out before the container would wait for the rest of the body.
 */
@WebFilter(urlPatterns = "/api/*")
public class RequestBodyLimit extends HttpFilter {

  @Inject OdcsConfig config;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    long limit = config.maxBodyBytes();
    long declared = req.getContentLengthLong();
    boolean chunked = declared < 0 && req.getHeader("Transfer-Encoding") != null;
    if (declared > limit || (declared < 0 && isHuge(req.getHeader("Content-Length")))) {
      tooLarge(res, limit);
      return;
    }
    if (declared <= 0 && !chunked) {
      chain.doFilter(req, res);
      return;
    }
    byte[] body = req.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE));
    if (body.length > limit) {
      tooLarge(res, limit);
      return;
    }
    int bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      envelope(
          res,
          HttpServletResponse.SC_BAD_REQUEST,
          "Bad Request",
          "Failed to decode JSON object: the request body is not valid UTF-8 (byte " + bad + ")");
      return;
    }
    chain.doFilter(new ReadBody(req, body), res);
  }

  // A Content-Length beyond a long is not a number the container reports.
  private static boolean isHuge(String contentLength) {
    return contentLength != null && contentLength.trim().matches("\\d{19,}");
  }

  private static void tooLarge(HttpServletResponse res, long limit) throws IOException {
    res.setHeader("Connection", "close"); // the unread rest of the body is not a next request
    envelope(
        res,
        413,
        "Request Entity Too Large",
        "The request body is larger than " + limit + " bytes (odcs.api.max-body-bytes)");
    res.flushBuffer(); // out now, while the client may still be sending
  }

  private static void envelope(HttpServletResponse res, int status, String error, String message)
      throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(ErrorEnvelope.body(status, error, message).toString());
  }

  /** Offset of the first byte that is not part of valid UTF-8, or -1. */
  static int firstInvalidUtf8(byte[] body) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(body);
    try {
      decoder.decode(in);
      return -1;
    } catch (CharacterCodingException e) {
      return in.position();
    }
  }

  /** The request with its body already read into memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body has been read already");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
