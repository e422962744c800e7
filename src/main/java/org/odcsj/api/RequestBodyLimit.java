package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.odcsj.config.OdcsConfig;

/**
 * Bounds and checks a request body before anything parses it: above {@code odcs.api.max-body-bytes}
 * it is answered 413 — at once when {@code Content-Length} says so, else (chunked) as soon as the
 * limit is passed, so a body is never read whole. A body within the limit must be UTF-8 (JSON is),
 * so that no replacement character or truncated text ever reaches the database.
 */
@Provider
@PreMatching
public class RequestBodyLimit implements ContainerRequestFilter {

  @Inject OdcsConfig config;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    long limit = config.maxBodyBytes();
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && isLarger(declared, limit)) {
      request.abortWith(tooLarge(limit));
      return;
    }
    if (!request.hasEntity()) {
      return;
    }
    byte[] body = readAtMost(request.getEntityStream(), limit + 1);
    if (body.length > limit) {
      request.abortWith(tooLarge(limit));
      return;
    }
    int bad = firstInvalidUtf8(body);
    if (bad >= 0) {
      request.abortWith(
          ErrorEnvelope.of(
              Response.Status.BAD_REQUEST,
              "Failed to decode JSON object: the request body is not valid UTF-8 (byte "
                  + bad
                  + ")"));
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  private static boolean isLarger(String contentLength, long limit) {
    try {
      return Long.parseLong(contentLength.trim()) > limit;
    } catch (NumberFormatException hugeOrMalformed) {
      // the container refuses a malformed length itself; a number beyond long is too large
      return contentLength.trim().matches("\\d+");
    }
  }

  private static Response tooLarge(long limit) {
    // The unread rest of the body would otherwise be parsed as the next request.
    return Response.fromResponse(
            ErrorEnvelope.of(
                Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "The request body is larger than " + limit + " bytes (odcs.api.max-body-bytes)"))
        .header("Connection", "close")
        .build();
  }

  private static byte[] readAtMost(InputStream in, long max) throws IOException {
    return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
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
}
