package org.odcsj.testsupport.koji;

import org.odcsj.testsupport.TestKey;

/** Two signing keys shared by the Koji tests of one JVM (an RSA key takes a while to make). */
public final class KojiTestKeys {
  private KojiTestKeys() {}

  private static final class Holder {
    static final TestKey A = TestKey.generate("Koji Test A <a@odcs-test.example>");
    static final TestKey B = TestKey.generate("Koji Test B <b@odcs-test.example>");
  }

  public static TestKey a() {
    return Holder.A;
  }

  public static TestKey b() {
    return Holder.B;
  }
}
