package org.odcsj.security;

/** The caller is known but not allowed to do this (HTTP 403); the message says why. */
public class ForbiddenException extends RuntimeException {
  public ForbiddenException(String message) {
    super(message);
  }
}
