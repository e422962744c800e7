package org.odcsj.testsupport.koji;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * XML-RPC as Koji's hub speaks it, written independently of the client under test: requests are
 * read with StAX; answers are written the way Python's marshaller (with Koji's extensions) writes
 * them — a newline after most tags, {@code <value><nil/></value>}, {@code <i8>} beyond 32 bits,
 * {@code <string>} for every string, {@code repr()} doubles.
 */
final class KojiWire {
  private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();

  static {
    INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
  }

  record MethodCall(String method, List<Object> params) {}

  private KojiWire() {}

  static MethodCall parseCall(byte[] body) {
    try {
      XMLStreamReader xml = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
      xml.nextTag(); // methodCall
      xml.nextTag(); // methodName
      String method = xml.getElementText().trim();
      List<Object> params = new ArrayList<>();
      if (xml.nextTag() == XMLStreamConstants.START_ELEMENT) { // params (optional)
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) { // param
          xml.nextTag(); // value
          params.add(value(xml));
          xml.nextTag(); // </param>
        }
      }
      return new MethodCall(method, params);
    } catch (XMLStreamException | RuntimeException e) {
      throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "cannot parse request: " + e);
    }
  }

  /** On {@code <value>}; ends on {@code </value>}. */
  private static Object value(XMLStreamReader xml) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        return text.toString();
      }
      if (event == XMLStreamConstants.CHARACTERS) {
        text.append(xml.getText());
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        Object v = typed(xml);
        xml.nextTag(); // </value>
        return v;
      }
    }
  }

  private static Object typed(XMLStreamReader xml) throws XMLStreamException {
    String type = xml.getLocalName();
    switch (type) {
      case "nil":
        xml.nextTag();
        return null;
      case "array":
        List<Object> items = new ArrayList<>();
        xml.nextTag(); // data
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
          items.add(value(xml));
        }
        xml.nextTag(); // </array>
        return items;
      case "struct":
        Map<String, Object> members = new LinkedHashMap<>();
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) { // member
          xml.nextTag();
          String name = xml.getElementText();
          xml.nextTag();
          members.put(name, value(xml));
          xml.nextTag(); // </member>
        }
        return members;
      default:
        String text = xml.getElementText().trim();
        return switch (type) {
          case "string" -> text;
          case "int", "i4", "i8" -> Long.parseLong(text);
          case "boolean" -> "1".equals(text);
          case "double" -> Double.parseDouble(text);
          case "base64" -> Base64.getDecoder().decode(text);
          case "dateTime.iso8601" ->
              LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss"))
                  .toInstant(ZoneOffset.UTC);
          default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
  }

  static String response(Object result) {
    StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n");
    out.append("<param>\n");
    value(out, result);
    out.append("</param>\n</params>\n</methodResponse>\n");
    return out.toString();
  }

  static String fault(int code, String message) {
    StringBuilder out = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n");
    value(out, faultStruct(code, message));
    out.append("</fault>\n</methodResponse>\n");
    return out.toString();
  }

  static Map<String, Object> faultStruct(int code, String message) {
    Map<String, Object> fault = new LinkedHashMap<>();
    fault.put("faultCode", code);
    fault.put("faultString", message);
    return fault;
  }

  private static void value(StringBuilder out, Object v) {
    out.append("<value>");
    if (v == null) {
      out.append("<nil/>");
    } else if (v instanceof String s) {
      out.append("<string>").append(escape(s)).append("</string>");
    } else if (v instanceof Boolean b) {
      out.append("<boolean>").append(b ? 1 : 0).append("</boolean>");
    } else if (v instanceof Integer || v instanceof Long) {
      long n = ((Number) v).longValue();
      String tag = n == (int) n ? "int" : "i8";
      out.append('<').append(tag).append('>').append(n).append("</").append(tag).append('>');
    } else if (v instanceof Double d) {
      // Python's repr: plain digits, never an exponent
      out.append("<double>").append(BigDecimal.valueOf(d).toPlainString()).append("</double>");
    } else if (v instanceof List<?> list) {
      out.append("<array><data>\n");
      for (Object item : list) {
        value(out, item);
      }
      out.append("</data></array>");
    } else if (v instanceof Map<?, ?> map) {
      out.append("<struct>\n");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append("<member>\n<name>").append(escape(e.getKey().toString())).append("</name>\n");
        value(out, e.getValue());
        out.append("</member>\n");
      }
      out.append("</struct>");
    } else {
      throw new IllegalArgumentException("cannot marshal " + v.getClass());
    }
    out.append("</value>\n");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
