package org.odcsj.source;

/** A request this source cannot compose, refused at submission: a 400 with this message. */
public class InvalidSourceRequest extends Exception {

  public InvalidSourceRequest(String message) {
    super(message);
  }
}
