package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.testsupport.ProcessRunner;

/** The writer produces what Python's json.dump(indent=4, sort_keys=True) produces. */
class ProductmdJsonTest {
  @TempDir Path tmp;

  /** Strings a JSON writer can get wrong: quotes, backslashes, controls, non-ASCII, astral. */
  private static final String TRICKY = "a\"b\\c\nd\te\u0001f\u007fg\u00e9h\u20aci\ud83d\ude00j/k";

  @Test
  void nestedDocumentHasPythonsLayout() throws IOException {
    String text =
        write(
            json -> {
              json.beginObject();
              json.key("a").beginObject().endObject();
              json.key("b").beginArray().endArray();
              json.key("c").beginArray().value("x").value(1).value(true).value((String) null);
              json.endArray();
              json.key("d").beginObject().member("e", false).member("f", -3).endObject();
              json.endObject();
            });
    assertEquals(
        """
        {
            "a": {},
            "b": [],
            "c": [
                "x",
                1,
                true,
                null
            ],
            "d": {
                "e": false,
                "f": -3
            }
        }""",
        text);
  }

  @Test
  void everythingOutsidePrintableAsciiIsEscapedLikeEnsureAscii() throws IOException {
    String text = write(json -> json.beginObject().member("k", TRICKY).endObject());
    assertEquals(
        "{\n    \"k\": \"a\\\"b\\\\c\\nd\\te\\u0001f\\u007fg\\u00e9h\\u20aci\\ud83d\\ude00j/k\"\n}",
        text);
  }

  @Test
  void keysMustComeInCodePointOrder() throws IOException {
    ProductmdJson json = new ProductmdJson(new StringWriter());
    json.beginObject().key("b").value(1);
    assertThrows(IllegalStateException.class, () -> json.key("a"));
    assertThrows(IllegalStateException.class, () -> json.key("b"));
    // Upper case sorts before lower case, "_" between them, as in Python.
    assertTrue(ProductmdJson.KEY_ORDER.compare("Z", "_") < 0);
    assertTrue(ProductmdJson.KEY_ORDER.compare("_", "a") < 0);
    assertTrue(ProductmdJson.KEY_ORDER.compare("os_tree", "packages") < 0);
    // By code point, not UTF-16 unit: U+1F600 (a surrogate pair) sorts after U+FFFD.
    assertTrue(ProductmdJson.KEY_ORDER.compare("\ud83d\ude00", "\ufffd") > 0);
    assertTrue(ProductmdJson.KEY_ORDER.compare("ab", "abc") < 0);
  }

  @Test
  void incompleteOrMalformedDocumentsAreRefused() throws IOException {
    ProductmdJson open = new ProductmdJson(new StringWriter());
    open.beginObject();
    assertThrows(IllegalStateException.class, open::finish);
    assertThrows(IllegalStateException.class, () -> open.value("no key"));
    assertThrows(IllegalStateException.class, open::endArray);
    ProductmdJson done = new ProductmdJson(new StringWriter());
    done.value(1);
    assertThrows(IllegalStateException.class, () -> done.value(2));
  }

  @Test
  void pythonsJsonModuleWritesTheSameBytes() throws IOException {
    assumeTrue(ProcessRunner.onPath("python3"), "python3 not installed");
    String ours =
        write(
            json -> {
              json.beginObject();
              json.key("").value(TRICKY);
              json.key("Upper").beginArray().beginObject().endObject().beginArray().endArray();
              json.value(0).value(Long.MAX_VALUE).value(false).endArray();
              json.key("_x").beginObject().member("\u00e9", "\u00e9").endObject();
              json.key("lower").value((String) null);
              json.key("\ud83d\ude00").value(1);
              json.endObject();
            });
    Path file = tmp.resolve("ours.json");
    Files.writeString(file, ours, StandardCharsets.US_ASCII);
    String python =
        "import json, sys\n"
            + "data = json.load(open(sys.argv[1]))\n"
            + "sys.stdout.write(json.dumps(data, indent=4, sort_keys=True,"
            + " separators=(',', ': ')))\n";
    ProcessRunner.Result result =
        ProcessRunner.run(List.of("python3", "-c", python, file.toString())).orThrow();
    assertEquals(ours, result.output());
  }

  private interface Body {
    void write(ProductmdJson json) throws IOException;
  }

  private static String write(Body body) throws IOException {
    StringWriter out = new StringWriter();
    ProductmdJson json = new ProductmdJson(out);
    body.write(json);
    json.finish();
    return out.toString();
  }
}
