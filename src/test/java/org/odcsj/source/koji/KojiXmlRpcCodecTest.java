package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The XML-RPC codec on answers written as a Koji hub writes them. */
class KojiXmlRpcCodecTest {

  private static Object read(String xml) throws IOException {
    return XmlRpcResponseReader.read(
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String response(String value) {
    return "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
        + value
        + "\n</param>\n</params>\n</methodResponse>\n";
  }

  @Test
  void readsAnRpmStructWithNilEpochI8SizeAndTimeString() throws IOException {
    Object v =
        read(
            response(
                "<value><struct>\n"
                    + "<member>\n<name>epoch</name>\n<value><nil/></value>\n</member>\n"
                    + "<member>\n<name>size</name>\n<value><i8>3221225472</i8></value>\n</member>\n"
                    + "<member>\n<name>id</name>\n<value><int>7</int></value>\n</member>\n"
                    + "<member>\n<name>build_id</name>\n<value><i4>3</i4></value>\n</member>\n"
                    + "<member>\n<name>ts</name>\n<value><double>1764576000.25</double></value>\n"
                    + "</member>\n<member>\n<name>creation_time</name>\n"
                    + "<value><string>2026-12-03 16:39:26.380140+00:00</string></value>\n</member>\n"
                    + "<member>\n<name>draft</name>\n<value><boolean>0</boolean></value>\n</member>\n"
                    + "<member>\n<name>name</name>\n<value>untyped &amp; plain</value>\n</member>\n"
                    + "</struct></value>"));
    Map<?, ?> m = assertInstanceOf(Map.class, v);
    assertTrue(m.containsKey("epoch"));
    assertNull(m.get("epoch"));
    assertEquals(3_221_225_472L, m.get("size"));
    assertEquals(7L, m.get("id"));
    assertEquals(3L, m.get("build_id"));
    assertEquals(1764576000.25, m.get("ts"));
    assertEquals(false, m.get("draft"));
    assertEquals("untyped & plain", m.get("name"));
    assertEquals(
        Instant.parse("2026-12-03T16:39:26.380140Z"),
        KojiTime.parse((String) m.get("creation_time")));
    assertEquals(
        List.of("epoch", "size", "id", "build_id", "ts", "creation_time", "draft", "name"),
        List.copyOf(m.keySet()));
  }

  @Test
  void readsArraysOfNilEmptyArraysBase64AndDateTime() throws IOException {
    Object v =
        read(
            response(
                "<value><array><data>\n<value><nil/></value>\n<value><array><data>\n</data></array>"
                    + "</value>\n<value><base64>aGVsbG8=</base64></value>\n"
                    + "<value><dateTime.iso8601>20261203T16:39:26</dateTime.iso8601></value>\n"
                    + "<value><string></string></value>\n</data></array></value>"));
    List<?> list = assertInstanceOf(List.class, v);
    assertEquals(5, list.size());
    assertNull(list.get(0));
    assertEquals(List.of(), list.get(1));
    assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), (byte[]) list.get(2));
    assertEquals(Instant.parse("2026-12-03T16:39:26Z"), list.get(3));
    assertEquals("", list.get(4));
  }

  @Test
  void aFaultResponseBecomesAFaultValue() throws IOException {
    Object v =
        read(
            "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n<value><struct>\n<member>\n"
                + "<name>faultCode</name>\n<value><int>1003</int></value>\n</member>\n<member>\n"
                + "<name>faultString</name>\n<value><string>Package foo not in list for tag f40"
                + "</string></value>\n</member>\n</struct></value>\n</fault>\n</methodResponse>\n");
    assertEquals(new XmlRpcFault(1003, "Package foo not in list for tag f40"), v);
  }

  @Test
  void malformedAnswersAreRefusedWithAReason() {
    IOException e =
        assertThrows(IOException.class, () -> read(response("<value><int>x</int></value>")));
    assertTrue(e.getMessage().contains("not XML-RPC"), e.getMessage());
    assertThrows(IOException.class, () -> read("<html><body>Bad Gateway</body></html>"));
    assertThrows(IOException.class, () -> read(response("<value><bogus>1</bogus></value>")));
  }

  @Test
  void writesEveryTypeAsKojiReadsIt() {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("__starstar", true);
    struct.put("big", 5_000_000_000L);
    struct.put("none", null);
    List<Object> params =
        Arrays.asList(
            "f40 & <x>",
            7,
            5_000_000_000L,
            1.5,
            1764576000.123456,
            null,
            List.of("x86_64", "noarch"),
            struct,
            Instant.parse("2026-12-03T16:39:26Z"),
            new byte[] {1, 2, 3});
    String xml =
        new String(XmlRpcCallWriter.write("listTaggedRPMS", params), StandardCharsets.UTF_8);
    assertTrue(xml.contains("<methodName>listTaggedRPMS</methodName>"), xml);
    assertTrue(xml.contains("<value><int>7</int></value>"), xml);
    assertTrue(xml.contains("<value><i8>5000000000</i8></value>"), xml);
    assertTrue(
        xml.contains("<value><nil/></value>") || xml.contains("<value><nil></nil></value>"), xml);
    assertTrue(xml.contains("<dateTime.iso8601>20261203T16:39:26</dateTime.iso8601>"), xml);
    assertTrue(xml.contains("f40 &amp; &lt;x>") || xml.contains("f40 &amp; &lt;x&gt;"), xml);
    assertTrue(xml.contains("<value><double>1.5</double></value>"), xml);
    assertTrue(xml.contains("<value><double>1764576000.123456</double></value>"), xml);
    assertTrue(xml.contains("<name>__starstar</name><value><boolean>1</boolean></value>"), xml);
    assertTrue(xml.contains("<value><base64>AQID</base64></value>"), xml);
    assertTrue(
        xml.contains(
            "<value><array><data><value><string>x86_64</string></value>"
                + "<value><string>noarch</string></value></data></array></value>"),
        xml);
  }

  @Test
  void kojiTimesWithMicrosecondsOffsetsAndDoubles() {
    assertEquals(
        Instant.parse("2026-12-03T14:39:26.380140Z"),
        KojiTime.parse("2026-12-03 16:39:26.380140+02:00"));
    assertEquals(
        Instant.parse("2026-12-03T16:39:26Z"), KojiTime.parse("2026-12-03 16:39:26+00:00"));
    assertEquals(
        Instant.parse("2026-12-03T16:39:26.5Z"), KojiTime.parse("2026-12-03 16:39:26.5+0000"));
    assertEquals(Instant.parse("2026-12-03T16:39:26Z"), KojiTime.parse("2026-12-03 16:39:26"));
    assertEquals(
        Instant.parse("2026-12-03T16:39:26.380140Z"), KojiTime.ofEpochSeconds(1796315966.38014));
    assertThrows(IllegalArgumentException.class, () -> KojiTime.parse("yesterday"));
  }
}
