package org.odcsj.selection;

import java.util.ArrayList;
import java.util.List;

/** Builds candidates in code: {@code Pkg.of("foo-1:2.0-1.x86_64").requires("bar >= 1").build()}. */
final class Pkg {
  private final Nevra nevra;
  private final List<Capability> provides = new ArrayList<>();
  private final List<Capability> requires = new ArrayList<>();
  private final List<String> files = new ArrayList<>();
  private LazySigkey sigkey = LazySigkey.unsigned();

  private Pkg(String nevra) {
    this.nevra = Nevra.parse(nevra);
  }

  static Pkg of(String nevra) {
    return new Pkg(nevra);
  }

  /** A package without relations. */
  static Candidate candidate(String nevra) {
    return of(nevra).build();
  }

  Pkg requires(String... capabilities) {
    for (String c : capabilities) {
      requires.add(Capability.parse(c));
    }
    return this;
  }

  Pkg provides(String... capabilities) {
    for (String c : capabilities) {
      provides.add(Capability.parse(c));
    }
    return this;
  }

  Pkg files(String... paths) {
    files.addAll(List.of(paths));
    return this;
  }

  Pkg sigkey(String key) {
    sigkey = LazySigkey.of(key);
    return this;
  }

  Pkg sigkey(LazySigkey key) {
    sigkey = key;
    return this;
  }

  Candidate build() {
    return new Candidate(
        nevra,
        "/repo/" + nevra + ".rpm",
        "sha256",
        Integer.toHexString(nevra.hashCode()),
        1000,
        0,
        nevra.name() + "-" + nevra.version() + "-" + nevra.release() + ".src.rpm",
        provides,
        requires,
        List.of(),
        List.of(),
        files,
        sigkey);
  }
}
