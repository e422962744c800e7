package org.odcsj.api;

import jakarta.ws.rs.core.Response;

/** ODCS sends {@code Access-Control-Allow-Origin: *} on successful GETs only. */
final class Cors {
  private Cors() {}

  static Response.ResponseBuilder allowAll(Response.ResponseBuilder response) {
    return response.header("Access-Control-Allow-Origin", "*");
  }
}
