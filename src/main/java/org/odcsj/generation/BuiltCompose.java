package org.odcsj.generation;

/** What a build resolved its source to, recorded with the compose when it is done. */
public record BuiltCompose(
    Long kojiEvent,
    String sourceFingerprint,
    int packageCount,
    java.util.List<String> archNevras) {}
