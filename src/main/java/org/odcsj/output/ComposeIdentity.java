package org.odcsj.output;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * Who a compose is in productmd's terms, as ODCS has Pungi name it: release {@code odcs-<id>}
 * version {@code 1} (type {@code ga}), a compose {@code type} and {@code respin} on a {@code date}.
 * {@link #composeId()} is the Pungi compose id ({@code pungi_compose_id}), e.g. {@code
 * odcs-42-1-20240115.t.0}.
 *
 * @param id the ODCS compose id
 * @param date the compose date (productmd writes it as {@code YYYYMMDD})
 * @param type one of {@link #COMPOSE_TYPES}; ODCS composes are {@code test} unless asked otherwise
 * @param respin the respin number, {@code 0} for the first compose of a day
 */
public record ComposeIdentity(long id, LocalDate date, String type, int respin) {

  /** productmd's compose types, least important first. */
  public static final List<String> COMPOSE_TYPES = List.of("test", "ci", "nightly", "production");

  /** The release version ODCS gives Pungi for every compose. */
  public static final String RELEASE_VERSION = "1";

  /** The release type Pungi uses by default; {@code ga} adds no suffix to the compose id. */
  public static final String RELEASE_TYPE = "ga";

  public ComposeIdentity {
    Objects.requireNonNull(date, "date");
    if (!COMPOSE_TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "Unknown compose type " + type + "; expected one of " + COMPOSE_TYPES);
    }
    if (respin < 0) {
      throw new IllegalArgumentException("respin must not be negative: " + respin);
    }
    if (id < 0) {
      throw new IllegalArgumentException("compose id must not be negative: " + id);
    }
  }

  /** A {@code test} compose, respin 0: what ODCS makes by default. */
  public static ComposeIdentity test(long id, LocalDate date) {
    return new ComposeIdentity(id, date, "test", 0);
  }

  /** The release name: {@code odcs-<id>}. */
  public String releaseName() {
    return ComposeTree.name(id);
  }

  /** The release short name; ODCS passes the first 16 characters of the release name. */
  public String releaseShort() {
    String name = releaseName();
    return name.length() > 16 ? name.substring(0, 16) : name;
  }

  /** {@code YYYYMMDD}. */
  public String dateString() {
    return date.format(DateTimeFormatter.BASIC_ISO_DATE);
  }

  /**
   * productmd's suffix of the type in a compose id: {@code .t}, {@code .n}, {@code .ci} or none.
   */
  public String typeSuffix() {
    return switch (type) {
      case "test" -> ".t";
      case "nightly" -> ".n";
      case "ci" -> ".ci";
      default -> "";
    };
  }

  /**
   * The compose id productmd builds ({@code ComposeInfo.create_compose_id}): {@code
   * <short>-<version>-<date><type suffix>.<respin>}, e.g. {@code odcs-42-1-20240115.t.0}.
   */
  public String composeId() {
    return releaseShort()
        + "-"
        + RELEASE_VERSION
        + "-"
        + dateString()
        + typeSuffix()
        + "."
        + respin;
  }
}
