package org.odcsj.client;

import java.util.List;

/** One page of a compose listing, with the listing's totals. */
public record Page(List<Compose> items, int page, int pages, int perPage, long total) {

  public boolean hasNext() {
    return page < pages;
  }
}
