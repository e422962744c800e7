package org.odcsj.source;

import java.util.List;

/** Sources made together because they share a client and its memory (e.g. Koji's three). */
public record ComposeSourceGroup(List<ComposeSource> sources) {

  public ComposeSourceGroup {
    sources = List.copyOf(sources);
  }
}
