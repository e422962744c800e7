package org.odcsj.source.koji;

import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.InvalidSourceRequest;

/**
 * What a request's {@code scratch_modules} must be: exact {@code N:S:V:C} builds, and only in a
 * {@code test} compose (Pungi includes scratch module builds in test composes only; we refuse the
 * request rather than leave them out silently).
 */
final class ScratchModules {

  static final String TEST = "test";

  private ScratchModules() {}

  static void validate(ComposeSpec spec) throws InvalidSourceRequest {
    var items = SpaceJoined.items(spec.scratchModules());
    if (items.isEmpty()) {
      return;
    }
    for (String item : items) {
      Nsvc nsvc;
      try {
        nsvc = Nsvc.parse(item);
      } catch (IllegalArgumentException e) {
        nsvc = null;
      }
      if (nsvc == null || !nsvc.complete()) {
        throw new InvalidSourceRequest(
            "\"scratch_modules\" must name N:S:V:C scratch module builds, not \""
                + (item.length() > 100 ? item.substring(0, 100) + "…" : item)
                + "\"");
      }
    }
    String type = spec.composeType() == null ? TEST : spec.composeType();
    if (!TEST.equals(type)) {
      throw new InvalidSourceRequest(
          "\"scratch_modules\" can only be used in a compose of compose_type \"test\", not \""
              + type
              + "\"");
    }
  }
}
