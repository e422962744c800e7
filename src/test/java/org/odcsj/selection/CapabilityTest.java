package org.odcsj.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odcsj.selection.RichDependency.Atom;
import org.odcsj.selection.RichDependency.Conditional;
import org.odcsj.selection.RichDependency.Or;

class CapabilityTest {

  /** requirement | provide | satisfied, as rpm's rpmdsCompare decides. */
  @ParameterizedTest(name = "{0} by {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "foo | foo | true",
        "foo >= 1.0 | foo | true",
        "foo | foo = 1.0-1 | true",
        "foo >= 1.0 | foo = 1.0-1 | true",
        "foo > 1.0 | foo = 1.0-1 | false",
        "foo = 1.0 | foo = 1.0-7 | true",
        "foo = 1.0-2 | foo = 1.0-7 | false",
        "foo < 2 | foo = 1.9-1 | true",
        "foo <= 1.0-1 | foo = 1.0-1 | true",
        "foo >= 1:0.1 | foo = 2.0-1 | false",
        "foo >= 0.1 | foo = 1:0.0-1 | true",
        "foo >= 2.0 | foo >= 3.0 | true",
        "foo < 2.0 | foo > 3.0 | false",
        "foo >= 1.0~rc1 | foo = 1.0~beta-1 | false",
        "foo = 1.0 | bar = 1.0 | false",
      })
  void versionedMatchingFollowsRpm(String requirement, String provide, boolean satisfied) {
    assertEquals(satisfied, Capability.parse(requirement).isSatisfiedBy(Capability.parse(provide)));
  }

  @Test
  void printsAsRpmDoes() {
    assertEquals("foo >= 1:2.0-3", Capability.parse("foo >= 1:2.0-3").toString());
    assertEquals("foo = 2.0", Capability.parse("foo == 0:2.0").toString());
    assertEquals("(a or b)", Capability.parse("(a or b)").toString());
  }

  @Test
  void parsesRichDependenciesWithSonamesAndNesting() {
    RichDependency d = RichDependency.parse("(libfoo.so.1()(64bit) or (bar >= 2 if baz else qux))");
    Or or = (Or) d;
    assertEquals(new Atom(Capability.parse("libfoo.so.1()(64bit)")), or.parts().get(0));
    Conditional c = (Conditional) or.parts().get(1);
    assertEquals(Capability.parse("bar >= 2"), ((Atom) c.then()).capability());
    assertEquals(new Atom(Capability.of("qux")), c.otherwise());
    assertEquals(
        List.of(
            new Atom(Capability.of("a")),
            new Atom(Capability.of("b")),
            new Atom(Capability.of("c"))),
        ((RichDependency.And) RichDependency.parse("(a and b and c)")).parts());
    Conditional unless = (Conditional) RichDependency.parse("(a unless b)");
    assertEquals(true, unless.negated());
    assertThrows(IllegalArgumentException.class, () -> RichDependency.parse("(a or b and c)"));
    assertThrows(IllegalArgumentException.class, () -> RichDependency.parse("(a or"));
  }

  @Test
  void nevraParsesEpochsAndPrintsThemOnlyWhenSet() {
    Nevra n = Nevra.parse("foo-bar-1:2.0-3.fc40.x86_64");
    assertEquals(new Nevra("foo-bar", 1, "2.0", "3.fc40", "x86_64"), n);
    assertEquals("foo-bar-1:2.0-3.fc40.x86_64", n.toString());
    assertEquals("foo-2.0-3.noarch", Nevra.parse("foo-0:2.0-3.noarch").toString());
  }
}
