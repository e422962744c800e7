package org.odcsj.compose;

import java.util.Arrays;
import java.util.Optional;

/** Source types with their ODCS wire numbers and request names. */
public enum SourceType {
  TAG(1, "tag"),
  MODULE(2, "module"),
  REPO(3, "repo"),
  PULP(4, "pulp"),
  RAW_CONFIG(5, "raw_config"),
  BUILD(6, "build"),
  PUNGI_COMPOSE(7, "pungi_compose");

  private final int code;
  private final String wireName;

  SourceType(int code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  public int code() {
    return code;
  }

  public String wireName() {
    return wireName;
  }

  public static SourceType of(int code) {
    return Arrays.stream(values())
        .filter(s -> s.code == code)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown source type " + code));
  }

  public static Optional<SourceType> byName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}
