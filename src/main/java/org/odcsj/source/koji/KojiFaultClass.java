package org.odcsj.source.koji;

import java.util.Map;

/** Koji's exception classes by {@code faultCode} (koji's own table, as its client maps them). */
final class KojiFaultClass {
  private static final Map<Long, String> NAMES =
      Map.ofEntries(
          Map.entry(1000L, "GenericError"),
          Map.entry(1001L, "LockError"),
          Map.entry(1002L, "AuthError"),
          Map.entry(1003L, "TagError"),
          Map.entry(1004L, "ActionNotAllowed"),
          Map.entry(1005L, "BuildError"),
          Map.entry(1006L, "AuthLockError"),
          Map.entry(1007L, "AuthExpired"),
          Map.entry(1008L, "SequenceError"),
          Map.entry(1009L, "RetryError"),
          Map.entry(1010L, "PreBuildError"),
          Map.entry(1011L, "PostBuildError"),
          Map.entry(1012L, "BuildrootError"),
          Map.entry(1013L, "FunctionDeprecated"),
          Map.entry(1014L, "ServerOffline"),
          Map.entry(1015L, "LiveCDError"),
          Map.entry(1016L, "PluginError"),
          Map.entry(1017L, "CallbackError"),
          Map.entry(1018L, "ApplianceError"),
          Map.entry(1019L, "ParameterError"),
          Map.entry(1020L, "ImportError"),
          Map.entry(1021L, "ConfigurationError"),
          Map.entry(1022L, "LiveMediaError"));

  private KojiFaultClass() {}

  /** The class name, or {@code Fault <code>} for a code Koji does not define. */
  static String name(long code) {
    return NAMES.getOrDefault(code, "Fault " + code);
  }
}
