package org.odcsj.source.koji;

/**
 * Something a compose request names does not exist in Koji (or is unusable): a tag, a build, a
 * scratch-build task. The message is a whole sentence for the compose's {@code state_reason}, the
 * tag's one exactly ODCS's ({@code Unknown Koji tag f99.}).
 */
public final class KojiNotFound extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private KojiNotFound(String message) {
    super(message);
  }

  public static KojiNotFound tag(String tag) {
    return new KojiNotFound("Unknown Koji tag " + tag + ".");
  }

  public static KojiNotFound builds(java.util.Collection<String> nvrs) {
    return new KojiNotFound(
        (nvrs.size() == 1 ? "Unknown Koji build " : "Unknown Koji builds ")
            + String.join(", ", nvrs)
            + ".");
  }

  /** A scratch-build task that is not there, not finished, or left no packages. */
  public static KojiNotFound task(long taskId, String why) {
    return new KojiNotFound("Koji task " + taskId + " " + why + ".");
  }
}
