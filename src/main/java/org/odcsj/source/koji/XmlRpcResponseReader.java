package org.odcsj.source.koji;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML-RPC {@code methodResponse} with StAX into plain Java values: {@link String}, {@link
 * Long} (for {@code int}, {@code i4} and {@code i8}), {@link Boolean}, {@link Double}, {@code null}
 * ({@code nil}), {@link List}, {@link Map} (member order kept), {@link java.time.Instant} ({@code
 * dateTime.iso8601}, read as UTC) and {@code byte[]}; a fault response becomes an {@link
 * XmlRpcFault}. Namespaced extension types ({@code ex:nil}, {@code ex:i8}) are read by their local
 * name.
 */
final class XmlRpcResponseReader {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    // A hub's answer never needs a DTD; refusing them keeps entity tricks out.
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
  }

  private static final DateTimeFormatter ISO8601 =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");
  private static final DateTimeFormatter ISO8601_DASHED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private XmlRpcResponseReader() {}

  /** The single result value, or an {@link XmlRpcFault}; malformed XML is an IOException. */
  static Object read(InputStream in) throws IOException {
    try {
      XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
      try {
        return response(xml);
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      if (e.getNestedException() instanceof IOException io) {
        throw io; // the connection broke while the answer streamed in
      }
      throw new MalformedResponse(e);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new MalformedResponse(e);
    }
  }

  /** The answer is not XML-RPC: retrying will not help. */
  static final class MalformedResponse extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponse(Exception cause) {
      super("the answer is not XML-RPC (" + cause.getMessage() + ")", cause);
    }
  }

  private static Object response(XMLStreamReader xml) throws XMLStreamException {
    nextStart(xml, "methodResponse");
    String kind = nextStart(xml, null);
    if ("fault".equals(kind)) {
      nextStart(xml, "value");
      if (!(value(xml) instanceof Map<?, ?> struct)) {
        throw new IllegalArgumentException("a fault that is not a struct");
      }
      return fault(struct);
    }
    if (!"params".equals(kind)) {
      throw new IllegalArgumentException("expected params or fault, found " + kind);
    }
    nextStart(xml, "param");
    nextStart(xml, "value");
    return value(xml);
  }

  /** A {@code {faultCode, faultString}} struct as a fault, else {@code null}. */
  static XmlRpcFault fault(Map<?, ?> struct) {
    if (!(struct.get("faultCode") instanceof Long code)) {
      return null;
    }
    Object message = struct.get("faultString");
    return new XmlRpcFault(code, message == null ? "" : message.toString());
  }

  /** Reads one value; the reader is on {@code <value>} and ends on {@code </value>}. */
  private static Object value(XMLStreamReader xml) throws XMLStreamException {
    StringBuilder untyped = new StringBuilder();
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return untyped.toString(); // <value>text</value> is a string
      }
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        untyped.append(xml.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        Object v = typed(xml, xml.getLocalName());
        nextEnd(xml); // </value>
        return v;
      }
    }
  }

  private static Object typed(XMLStreamReader xml, String type) throws XMLStreamException {
    return switch (type) {
      case "nil" -> {
        nextEnd(xml);
        yield null;
      }
      case "string" -> xml.getElementText();
      case "int", "i4", "i8" -> Long.parseLong(xml.getElementText().trim());
      case "boolean" -> bool(xml.getElementText().trim());
      case "double" -> Double.parseDouble(xml.getElementText().trim());
      case "dateTime.iso8601" -> dateTime(xml.getElementText().trim());
      case "base64" -> Base64.getMimeDecoder().decode(xml.getElementText().trim());
      case "array" -> array(xml);
      case "struct" -> struct(xml);
      default -> throw new IllegalArgumentException("unknown XML-RPC type <" + type + ">");
    };
  }

  private static List<Object> array(XMLStreamReader xml) throws XMLStreamException {
    List<Object> items = new ArrayList<>();
    nextStart(xml, "data");
    while (nextStartOrEnd(xml)) {
      items.add(value(xml));
    }
    nextEnd(xml); // </array>
    return items;
  }

  private static Map<String, Object> struct(XMLStreamReader xml) throws XMLStreamException {
    Map<String, Object> members = new LinkedHashMap<>();
    while (nextStartOrEnd(xml)) {
      nextStart(xml, "name");
      String name = xml.getElementText();
      nextStart(xml, "value");
      members.put(name, value(xml));
      nextEnd(xml); // </member>
    }
    return members;
  }

  private static Boolean bool(String text) {
    return switch (text) {
      case "1" -> true;
      case "0" -> false;
      default -> throw new IllegalArgumentException("not an XML-RPC boolean: " + text);
    };
  }

  private static java.time.Instant dateTime(String text) {
    DateTimeFormatter format = text.indexOf('-') > 0 ? ISO8601_DASHED : ISO8601;
    return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
  }

  /** Moves to the next start tag (of {@code expected} when given) and returns its name. */
  private static String nextStart(XMLStreamReader xml, String expected) throws XMLStreamException {
    if (!nextStartOrEnd(xml)) {
      throw new IllegalArgumentException("expected <" + expected + ">, found an end tag");
    }
    String name = xml.getLocalName();
    if (expected != null && !expected.equals(name)) {
      throw new IllegalArgumentException("expected <" + expected + ">, found <" + name + ">");
    }
    return name;
  }

  /** Skips whitespace; true on a start tag, false on an end tag. */
  private static boolean nextStartOrEnd(XMLStreamReader xml) throws XMLStreamException {
    int event = xml.nextTag();
    return event == XMLStreamConstants.START_ELEMENT;
  }

  private static void nextEnd(XMLStreamReader xml) throws XMLStreamException {
    if (nextStartOrEnd(xml)) {
      throw new IllegalArgumentException("unexpected <" + xml.getLocalName() + ">");
    }
  }
}
