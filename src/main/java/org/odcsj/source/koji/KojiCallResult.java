package org.odcsj.source.koji;

/** The outcome of one call in a {@code multiCall}: its result, or the fault it raised. */
public record KojiCallResult(KojiCall call, Object result, KojiFault fault) {

  public boolean failed() {
    return fault != null;
  }

  /** The result; throws the fault if the call failed. */
  public Object value() {
    if (fault != null) {
      throw fault;
    }
    return result;
  }
}
