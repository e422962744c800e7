package org.odcsj.source.koji;

/** A fault value as the hub sends it: for a whole call, or for one item of a multiCall. */
record XmlRpcFault(long code, String message) {}
