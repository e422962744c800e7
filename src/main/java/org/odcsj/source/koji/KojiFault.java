package org.odcsj.source.koji;

/**
 * The hub answered a call with a fault: Koji raised one of its exception classes. The message reads
 * {@code Koji call listTaggedRPMS failed: TagError: No such tagInfo: 'f99'}, ready for a compose's
 * {@code state_reason}. Retrying does not help: the hub answered.
 */
public final class KojiFault extends KojiException {
  private static final long serialVersionUID = 1L;

  private final long code;
  private final String faultString;

  public KojiFault(String method, long code, String faultString) {
    super(method, KojiFaultClass.name(code) + ": " + faultString, null);
    this.code = code;
    this.faultString = faultString;
  }

  /** Koji's {@code faultCode}, e.g. 1003 for TagError. */
  public long code() {
    return code;
  }

  /** Koji's exception class for {@link #code()}, e.g. {@code TagError}. */
  public String className() {
    return KojiFaultClass.name(code);
  }

  /** The hub's {@code faultString} as sent. */
  public String faultString() {
    return faultString;
  }
}
