package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.source.koji.mbs.MbsModuleBuild;
import org.odcsj.source.koji.mbs.ResolvedModule;

/** The resolution's modules, kept for opening the content of the same resolved request. */
class ResolvedModulesTest {

  static ComposeSpec spec(String source, String scratch) {
    return ComposeSpec.builder(SourceType.MODULE).source(source).scratchModules(scratch).build();
  }

  static ResolvedModule module(String name) throws Exception {
    String modulemd =
        "---\ndocument: modulemd\nversion: 2\ndata:\n  name: "
            + name
            + "\n  stream: \"1\"\n  version: 1\n  context: \"c\"\n  summary: s\n"
            + "  description: d\n  license:\n    module: [MIT]\n...\n";
    return new ResolvedModule(
        new MbsModuleBuild(
            1, name, "1", 1, "c", MbsModuleBuild.STATE_READY, "t", modulemd, List.of(), false),
        ModuleStream.parse(modulemd),
        false);
  }

  @Test
  void theModulesOfAResolutionAreTakenOnceByTheSameResolvedRequest() throws Exception {
    ResolvedModules memo = new ResolvedModules();
    ResolvedModule a = module("a");
    memo.remember(spec("a:1:1:c", "s:1:1:c_1"), List.of(a));

    assertTrue(memo.take(spec("a:1:1:c", null)).isEmpty(), "other scratch modules, other key");
    assertTrue(memo.take(spec("a:1:1:c  ", "s:1:1:c_1")).map(l -> l.get(0) == a).orElse(false));
    assertTrue(memo.take(spec("a:1:1:c", "s:1:1:c_1")).isEmpty(), "taken once");
  }

  @Test
  void theOldestAreDroppedPastTheCapacity() throws Exception {
    ResolvedModules memo = new ResolvedModules();
    ResolvedModule a = module("a");
    for (int i = 0; i <= ResolvedModules.CAPACITY; i++) {
      memo.remember(spec("a:1:" + i + ":c", null), List.of(a));
    }
    assertTrue(memo.take(spec("a:1:0:c", null)).isEmpty());
    assertEquals(1, memo.take(spec("a:1:1:c", null)).orElseThrow().size());
    assertEquals(
        1, memo.take(spec("a:1:" + ResolvedModules.CAPACITY + ":c", null)).orElseThrow().size());
  }
}
