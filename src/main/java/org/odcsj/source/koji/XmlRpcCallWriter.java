package org.odcsj.source.koji;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an XML-RPC {@code methodCall}. Java values map as: {@link String}, {@link Integer} /
 * {@link Long} ({@code <int>} when it fits 32 bits, else {@code <i8>}, as Koji's marshaller does),
 * {@link Boolean}, {@link Double}, {@code null} ({@code <nil/>}), {@link List}, {@link Map} with
 * string keys, {@link Instant} ({@code dateTime.iso8601}, UTC) and {@code byte[]} (base64).
 */
final class XmlRpcCallWriter {
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  private static final DateTimeFormatter ISO8601 =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private XmlRpcCallWriter() {}

  static byte[] write(String method, List<?> params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeStartElement("methodCall");
      element(xml, "methodName", method);
      xml.writeStartElement("params");
      for (Object param : params) {
        xml.writeStartElement("param");
        value(xml, param);
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the XML-RPC call " + method, e);
    }
    return out.toByteArray();
  }

  private static void value(XMLStreamWriter xml, Object v) throws XMLStreamException {
    xml.writeStartElement("value");
    if (v == null) {
      xml.writeEmptyElement("nil");
    } else if (v instanceof String s) {
      element(xml, "string", s);
    } else if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      element(xml, n == (int) n ? "int" : "i8", Long.toString(n));
    } else if (v instanceof Boolean b) {
      element(xml, "boolean", b ? "1" : "0");
    } else if (v instanceof Double d) {
      // XML-RPC's double has no exponent
      element(xml, "double", BigDecimal.valueOf(d).toPlainString());
    } else if (v instanceof Instant t) {
      element(xml, "dateTime.iso8601", ISO8601.format(t));
    } else if (v instanceof byte[] bytes) {
      element(xml, "base64", Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof List<?> list) {
      xml.writeStartElement("array");
      xml.writeStartElement("data");
      for (Object item : list) {
        value(xml, item);
      }
      xml.writeEndElement();
      xml.writeEndElement();
    } else if (v instanceof Map<?, ?> map) {
      xml.writeStartElement("struct");
      for (Map.Entry<?, ?> member : map.entrySet()) {
        xml.writeStartElement("member");
        element(xml, "name", (String) member.getKey());
        value(xml, member.getValue());
        xml.writeEndElement();
      }
      xml.writeEndElement();
    } else {
      throw new IllegalArgumentException("no XML-RPC type for " + v.getClass().getName());
    }
    xml.writeEndElement();
  }

  private static void element(XMLStreamWriter xml, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }
}
