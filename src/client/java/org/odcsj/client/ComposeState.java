package org.odcsj.client;

/** The states of a compose, with their wire numbers and names. */
public enum ComposeState {
  WAIT(0),
  GENERATING(1),
  DONE(2),
  REMOVED(3),
  FAILED(4);

  private final int number;

  ComposeState(int number) {
    this.number = number;
  }

  public int number() {
    return number;
  }

  /** The name the API uses ({@code state_name}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether waiting ends here: neither {@code wait} nor {@code generating}. */
  public boolean isFinal() {
    return this != WAIT && this != GENERATING;
  }

  public static ComposeState ofNumber(int number) {
    for (ComposeState s : values()) {
      if (s.number == number) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown compose state " + number);
  }

  /** A state by its wire name ({@code done}) or number ({@code 2}). */
  public static ComposeState parse(String nameOrNumber) {
    for (ComposeState s : values()) {
      if (s.wireName().equals(nameOrNumber) || String.valueOf(s.number).equals(nameOrNumber)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown compose state \"" + nameOrNumber + "\"");
  }
}
