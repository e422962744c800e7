package org.odcsj.testsupport.koji;

/** A Koji exception raised by a test hub method: sent as a fault with Koji's code. */
final class KojiTestFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int GENERIC_ERROR = 1000;
  static final int TAG_ERROR = 1003;
  static final int BUILD_ERROR = 1005;
  static final int PARAMETER_ERROR = 1019;

  final int code;

  KojiTestFault(int code, String message) {
    super(message);
    this.code = code;
  }

  String className() {
    return switch (code) {
      case GENERIC_ERROR -> "GenericError";
      case TAG_ERROR -> "TagError";
      case PARAMETER_ERROR -> "ParameterError";
      default -> "Fault";
    };
  }
}
