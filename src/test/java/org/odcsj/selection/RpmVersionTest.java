package org.odcsj.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odcsj.testsupport.ProcessRunner;

class RpmVersionTest {

  /** rpm's own test vectors (tests/rpmvercmp.at), both directions where rpm lists them. */
  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource(
      delimiter = ' ',
      value = {
        "1.0 1.0 0",
        "1.0 2.0 -1",
        "2.0 1.0 1",
        "2.0.1 2.0.1 0",
        "2.0 2.0.1 -1",
        "2.0.1 2.0 1",
        "2.0.1a 2.0.1a 0",
        "2.0.1a 2.0.1 1",
        "2.0.1 2.0.1a -1",
        "5.5p1 5.5p1 0",
        "5.5p1 5.5p2 -1",
        "5.5p2 5.5p1 1",
        "5.5p10 5.5p10 0",
        "5.5p1 5.5p10 -1",
        "5.5p10 5.5p1 1",
        "10xyz 10.1xyz -1",
        "10.1xyz 10xyz 1",
        "xyz10 xyz10 0",
        "xyz10 xyz10.1 -1",
        "xyz10.1 xyz10 1",
        "xyz.4 xyz.4 0",
        "xyz.4 8 -1",
        "8 xyz.4 1",
        "xyz.4 2 -1",
        "2 xyz.4 1",
        "5.5p2 5.6p1 -1",
        "5.6p1 5.5p2 1",
        "5.6p1 6.5p1 -1",
        "6.5p1 5.6p1 1",
        "6.0.rc1 6.0 1",
        "6.0 6.0.rc1 -1",
        "10b2 10a1 1",
        "10a2 10b2 -1",
        "1.0aa 1.0aa 0",
        "1.0a 1.0aa -1",
        "1.0aa 1.0a 1",
        "10.0001 10.0001 0",
        "10.0001 10.1 0",
        "10.1 10.0001 0",
        "10.0001 10.0039 -1",
        "10.0039 10.0001 1",
        "4.999.9 5.0 -1",
        "5.0 4.999.9 1",
        "20101121 20101121 0",
        "20101121 20101122 -1",
        "20101122 20101121 1",
        "2_0 2_0 0",
        "2.0 2_0 0",
        "2_0 2.0 0",
        "a a 0",
        "a+ a+ 0",
        "a+ a_ 0",
        "a_ a+ 0",
        "+a +a 0",
        "+a _a 0",
        "_a +a 0",
        "+_ +_ 0",
        "_+ +_ 0",
        "_+ _ 0",
        "+ _ 0",
        "_ + 0",
        "1.0~rc1 1.0~rc1 0",
        "1.0~rc1 1.0 -1",
        "1.0 1.0~rc1 1",
        "1.0~rc1 1.0~rc2 -1",
        "1.0~rc2 1.0~rc1 1",
        "1.0~rc1~git123 1.0~rc1~git123 0",
        "1.0~rc1~git123 1.0~rc1 -1",
        "1.0~rc1 1.0~rc1~git123 1",
        "1.0^ 1.0^ 0",
        "1.0^ 1.0 1",
        "1.0 1.0^ -1",
        "1.0^git1 1.0^git1 0",
        "1.0^git1 1.0 1",
        "1.0 1.0^git1 -1",
        "1.0^git1 1.0^git2 -1",
        "1.0^git2 1.0^git1 1",
        "1.0^git1 1.01 -1",
        "1.01 1.0^git1 1",
        "1.0^20160101 1.0^20160101 0",
        "1.0^20160101 1.0.1 -1",
        "1.0.1 1.0^20160101 1",
        "1.0^20160101^git1 1.0^20160101^git1 0",
        "1.0^20160102 1.0^20160101^git1 1",
        "1.0^20160101^git1 1.0^20160102 -1",
        "1.0~rc1^git1 1.0~rc1^git1 0",
        "1.0~rc1^git1 1.0~rc1 1",
        "1.0~rc1 1.0~rc1^git1 -1",
        "1.0^git1~pre 1.0^git1~pre 0",
        "1.0^git1 1.0^git1~pre 1",
        "1.0^git1~pre 1.0^git1 -1",
        "1.0 1.0a -1",
        "1.0a 1.0 1",
        "1.010 1.9 1",
        "00012 12 0",
        "999999999999999999999999 1000000000000000000000000 -1",
      })
  void comparesLikeRpm(String a, String b, int expected) {
    assertEquals(expected, Integer.signum(RpmVersion.compare(a, b)));
  }

  /** 3,000 random pairs of versions, each compared by rpm's own rpm.vercmp (Lua) and by ours. */
  @Test
  void agreesWithTheInstalledRpmOnRandomVersions() {
    assumeTrue(ProcessRunner.onPath("rpm"), "rpm not installed");
    Random random = new Random(42);
    String alphabet = "0123456789.~^_+abcZ0";
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      pairs.add(new String[] {random(random, alphabet), random(random, alphabet)});
    }
    StringBuilder lua = new StringBuilder("%{lua: ");
    for (String[] p : pairs) {
      lua.append("print(rpm.vercmp('").append(p[0]).append("','").append(p[1]).append("')..' ')");
    }
    lua.append('}');
    ProcessRunner.Result result = ProcessRunner.run(List.of("rpm", "--eval", lua.toString()));
    result.orThrow();
    String[] rpmSays = result.output().trim().split("\\s+");
    assertEquals(pairs.size(), rpmSays.length);
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i);
      assertEquals(
          Integer.parseInt(rpmSays[i]),
          Integer.signum(RpmVersion.compare(p[0], p[1])),
          "'" + p[0] + "' vs '" + p[1] + "'");
    }
  }

  private static String random(Random random, String alphabet) {
    int length = 1 + random.nextInt(7);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void evrComparesEpochFirstThenVersionThenRelease() {
    assertEquals(1, Integer.signum(Evr.parse("1:1.0-1").compareTo(Evr.parse("9.0-1"))));
    assertEquals(-1, Integer.signum(Evr.parse("1.0-1").compareTo(Evr.parse("1.0-2"))));
    assertEquals(0, Evr.parse("0:1.0-1").compareTo(Evr.parse("1.0-1")));
    assertEquals(1, Integer.signum(Evr.parse("1.0-10").compareTo(Evr.parse("1.0-9"))));
  }
}
