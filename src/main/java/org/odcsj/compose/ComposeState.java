package org.odcsj.compose;

import java.util.Arrays;
import java.util.Optional;

/** Compose states with their ODCS wire numbers. */
public enum ComposeState {
  WAIT(0),
  GENERATING(1),
  DONE(2),
  REMOVED(3),
  FAILED(4);

  private final int code;

  ComposeState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ComposeState of(int code) {
    return Arrays.stream(values())
        .filter(s -> s.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown compose state " + code));
  }

  public static Optional<ComposeState> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
  }
}
