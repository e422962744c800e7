package org.odcsj.source.koji;

/**
 * An RPM of a Koji build, with its build: the build's N-V-R names the topdir directory the RPM
 * lives in, the RPM's id asks Koji for its signatures.
 */
public record KojiBuildRpm(KojiBuild build, KojiRpm rpm) {}
