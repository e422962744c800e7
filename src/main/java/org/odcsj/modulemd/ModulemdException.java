package org.odcsj.modulemd;

/** A modulemd text that cannot be used; the message says what is wrong with it. */
public class ModulemdException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ModulemdException(String message) {
    super(message);
  }

  public ModulemdException(String message, Throwable cause) {
    super(message, cause);
  }
}
