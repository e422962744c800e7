package org.odcsj.selection;

import java.util.List;

/**
 * The request cannot be fulfilled from these candidates; the message is the user-facing reason (the
 * generator prefixes {@code Error while generating compose: } as ODCS does), {@code details} the
 * full list behind it (packages or requirements), uncapped.
 */
public final class SelectionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently. */
  public enum Kind {
    UNSIGNED,
    UNMET_DEPENDENCIES,
    MISSING_PACKAGES
  }

  private final Kind kind;
  private final transient List<String> details;

  public SelectionException(Kind kind, String message, List<String> details) {
    super(message);
    this.kind = kind;
    this.details = List.copyOf(details);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> details() {
    return details;
  }
}
