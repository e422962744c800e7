package org.odcsj.client;

import java.util.Locale;

/** The kinds of source a compose is made from: names in requests, numbers in compose JSON. */
public enum SourceType {
  TAG(1),
  MODULE(2),
  REPO(3),
  PULP(4),
  RAW_CONFIG(5),
  BUILD(6),
  PUNGI_COMPOSE(7);

  private final int number;

  SourceType(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SourceType ofNumber(int number) {
    for (SourceType t : values()) {
      if (t.number == number) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown source type " + number);
  }

  /** A source type by its wire name ({@code tag}) or number ({@code 1}). */
  public static SourceType parse(String nameOrNumber) {
    for (SourceType t : values()) {
      if (t.wireName().equals(nameOrNumber) || String.valueOf(t.number).equals(nameOrNumber)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown source type \"" + nameOrNumber + "\"");
  }
}
