package org.odcsj.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One wait for a compose: polls (or listens) and tells the listener what changed. */
final class ComposeWaiter {

  private static final Duration FIRST_POLL = Duration.ofMillis(250);
  private static final Duration MAX_POLL = Duration.ofSeconds(3);

  private final OdcsClient client;
  private final WaitListener listener;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private ComposeState lastState;
  private long logOffset;

  ComposeWaiter(OdcsClient client, WaitListener listener) {
    this.client = client;
    this.listener = listener;
  }

  Compose poll(long id, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Duration pause = FIRST_POLL;
    while (true) {
      Compose c = seen(client.get(id));
      if (c.state().isFinal()) {
        return c;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new ComposeWaitTimeout(c, timeout);
      }
      OdcsClient.sleep(pause.compareTo(left) < 0 ? pause : left);
      pause = pause.multipliedBy(3).dividedBy(2);
      if (pause.compareTo(MAX_POLL) > 0) {
        pause = MAX_POLL;
      }
    }
  }

  Compose listen(long id, Duration timeout, ComposeEvents events) {
    Instant deadline = Instant.now().plus(timeout);
    // Subscribed before this first look, so no change between the two is missed.
    Compose c = seen(client.get(id));
    while (!c.state().isFinal()) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new ComposeWaitTimeout(c, timeout);
      }
      Duration step = left.compareTo(MAX_POLL) < 0 ? left : MAX_POLL;
      Optional<ComposeEvents.Event> event = events.next(step);
      if (event.isPresent() && event.get().compose().id() == id) {
        c = seen(event.get().compose());
      } else if (event.isEmpty() && listener.followsLog()) {
        followLog(c);
      }
    }
    return c;
  }

  private Compose seen(Compose c) {
    if (c.state() != lastState) {
      lastState = c.state();
      listener.stateChanged(c);
    }
    listener.polled(c);
    if (listener.followsLog()) {
      followLog(c);
    }
    return c;
  }

  private void followLog(Compose c) {
    Optional<byte[]> more = client.log(c, logOffset);
    if (more.isEmpty() || more.get().length == 0) {
      return;
    }
    byte[] bytes = more.get();
    logOffset += bytes.length;
    for (byte b : bytes) {
      if (b == '\n') {
        listener.logLine(partialLine.toString(StandardCharsets.UTF_8));
        partialLine.reset();
      } else {
        partialLine.write(b);
      }
    }
  }
}
