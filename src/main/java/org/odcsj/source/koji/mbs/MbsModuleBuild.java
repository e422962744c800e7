package org.odcsj.source.koji.mbs;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.odcsj.modulemd.Nsvc;

/**
 * One module build as MBS lists it ({@code verbose=True}): identity, state, its Koji tag, the
 * modulemd text, the base modules it was built against and whether it is a scratch build. MBS sends
 * {@code version} as a string (real ones exceed 2^53, so it is read as a long) and base modules'
 * {@code stream_version} as a float ({@code 390000.0}).
 */
public record MbsModuleBuild(
    long id,
    String name,
    String stream,
    long version,
    String context,
    int state,
    String kojiTag,
    String modulemd,
    List<BaseModule> baseModules,
    boolean scratch) {

  public static final int STATE_DONE = 3;
  public static final int STATE_READY = 5;

  /** A base module a build was built against ({@code base_module_buildrequires}). */
  public record BaseModule(String name, String stream, Long streamVersion) {}

  public MbsModuleBuild {
    baseModules = List.copyOf(baseModules);
  }

  public Nsvc nsvc() {
    return Nsvc.of(name, stream, version, context);
  }

  /** The same build under another name and modulemd (a {@code -devel} module). */
  MbsModuleBuild renamed(String newName, String newModulemd) {
    return new MbsModuleBuild(
        id, newName, stream, version, context, state, kojiTag, newModulemd, baseModules, scratch);
  }

  static MbsModuleBuild from(JsonObject item) {
    List<BaseModule> bases = new ArrayList<>();
    JsonValue brs = item.get("base_module_buildrequires");
    if (brs instanceof JsonArray array) {
      for (JsonValue br : array) {
        if (br instanceof JsonObject base) {
          bases.add(
              new BaseModule(
                  text(base, "name"), text(base, "stream"), wholeNumber(base, "stream_version")));
        }
      }
    }
    Long version = wholeNumber(item, "version");
    String name = text(item, "name");
    String stream = text(item, "stream");
    if (name == null || stream == null || version == null) {
      throw new IllegalArgumentException("an MBS module build without name, stream or version");
    }
    Long id = wholeNumber(item, "id");
    Long state = wholeNumber(item, "state");
    String context = text(item, "context");
    return new MbsModuleBuild(
        id == null ? 0 : id,
        name,
        stream,
        version,
        context == null ? "00000000" : context,
        state == null ? -1 : state.intValue(),
        text(item, "koji_tag"),
        text(item, "modulemd"),
        bases,
        item.get("scratch") != null
            && item.get("scratch").getValueType() == JsonValue.ValueType.TRUE);
  }

  private static String text(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value instanceof JsonString s) {
      return s.getString();
    }
    if (value instanceof JsonNumber n) {
      return n.toString();
    }
    return null;
  }

  /** A number sent as a string, an integer or a float with no fraction, read exactly. */
  private static Long wholeNumber(JsonObject object, String key) {
    JsonValue value = object.get(key);
    BigDecimal number;
    if (value instanceof JsonNumber n) {
      number = n.bigDecimalValue();
    } else if (value instanceof JsonString s) {
      try {
        number = new BigDecimal(s.getString().trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("MBS " + key + " is not a number: " + s.getString());
      }
    } else {
      return null;
    }
    try {
      return number.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("MBS " + key + " is not a whole number: " + number);
    }
  }
}
