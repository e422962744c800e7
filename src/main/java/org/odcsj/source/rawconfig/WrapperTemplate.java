package org.odcsj.source.rawconfig;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a raw config wrapper as ODCS does with Jinja2 and {@code compose} = the compose's JSON,
 * for the expressions wrappers use: {@code {{ compose.<field> }}} and {@code {{ compose["<field>"]
 * }}}, printed as Python prints the value ({@code None}, {@code True}, lists as {@code ['a',
 * 'b']}); an unknown field prints nothing, as Jinja2's undefined does; {@code {# comments #}} are
 * dropped. Any other template construct ({@code {% ... %}}, filters) is refused with the reason,
 * rather than rendered differently from Jinja2.
 */
final class WrapperTemplate {

  private static final Pattern EXPRESSION =
      Pattern.compile(
          "\\{\\{\\s*compose(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(['\"])([A-Za-z0-9_.-]+)\\2\\s*\\])\\s*\\}\\}");
  private static final Pattern COMMENT = Pattern.compile("\\{#.*?#\\}", Pattern.DOTALL);

  private WrapperTemplate() {}

  static String render(String template, JsonObject compose) {
    String text = COMMENT.matcher(template).replaceAll("");
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String field = m.group(1) != null ? m.group(1) : m.group(3);
      m.appendReplacement(out, Matcher.quoteReplacement(python(compose.get(field))));
    }
    m.appendTail(out);
    String rendered = out.toString();
    if (rendered.contains("{{") || rendered.contains("{%")) {
      int at = rendered.contains("{{") ? rendered.indexOf("{{") : rendered.indexOf("{%");
      String near = rendered.substring(at, Math.min(rendered.length(), at + 40)).split("\n")[0];
      throw new IllegalArgumentException(
          "only {{ compose.<field> }} expressions are supported, found " + near);
    }
    return rendered;
  }

  static String python(JsonValue value) {
    if (value == null) {
      return "";
    }
    return switch (value.getValueType()) {
      case NULL -> "None";
      case TRUE -> "True";
      case FALSE -> "False";
      case STRING -> ((JsonString) value).getString();
      case NUMBER -> ((JsonNumber) value).toString();
      case ARRAY -> list((JsonArray) value);
      case OBJECT -> value.toString();
    };
  }

  private static String list(JsonArray array) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        s.append(", ");
      }
      JsonValue v = array.get(i);
      s.append(
          v instanceof JsonString str
              ? "'" + str.getString().replace("'", "\\'") + "'"
              : python(v));
    }
    return s.append(']').toString();
  }
}
