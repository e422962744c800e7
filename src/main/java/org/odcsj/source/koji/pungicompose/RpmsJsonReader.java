package org.odcsj.source.koji.pungicompose;

import jakarta.json.JsonException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one variant's part of a productmd {@code rpms.json} ({@code payload → rpms → <Variant> →
 * <arch> → <source N-E:V-R.A> → <N-E:V-R.A> → {category, path, sigkey}}) as a stream: a compose's
 * manifest may list every package of a distribution, so the document is never held as a tree.
 */
final class RpmsJsonReader {
  // Json.createParser would look the JSON-P provider up through the class loader on every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private RpmsJsonReader() {}

  /**
   * @param where the document's URL, for messages
   * @throws PungiComposeException when the variant is missing ({@code The <where> does not contain
   *     payload -> rpms -> <Variant> section}, ODCS's text) or the document is not such JSON
   */
  static PungiComposeContent read(InputStream in, String where, String variant) {
    Collected c = new Collected();
    boolean found = false;
    try (JsonParser json = JSON.createParser(in)) {
      expect(json, Event.START_OBJECT);
      while (nextKey(json)) {
        if (!json.getString().equals("payload")) {
          skipValue(json);
          continue;
        }
        if (json.next() != Event.START_OBJECT) {
          break;
        }
        while (nextKey(json)) {
          if (!json.getString().equals("rpms")) {
            skipValue(json);
            continue;
          }
          if (json.next() != Event.START_OBJECT) {
            break;
          }
          while (nextKey(json)) {
            if (json.getString().equals(variant) && json.next() == Event.START_OBJECT) {
              readVariant(json, c);
              found = true;
            } else {
              skipValue(json);
            }
          }
        }
      }
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new PungiComposeException(
          "The " + where + " is not productmd rpms metadata: " + e.getMessage(), e);
    }
    if (!found) {
      throw new PungiComposeException(
          "The " + where + " does not contain payload -> rpms -> " + variant + " section");
    }
    return c.content();
  }

  /** {@code <arch> → <source> → <rpm> → {…}}. */
  private static void readVariant(JsonParser json, Collected c) {
    while (nextKey(json)) {
      String arch = json.getString();
      requireObject(json, "arch " + arch);
      // a compose arch is a tree arch; Pungi files source RPMs under each of them
      if (!arch.equals("src") && !arch.equals("nosrc")) {
        c.arches.add(arch);
      }
      while (nextKey(json)) {
        String srpm = json.getString();
        c.builds.add(Nevra.parse(srpm).nvr());
        requireObject(json, srpm);
        while (nextKey(json)) {
          String rpm = json.getString();
          Nevra nevra = Nevra.parse(rpm);
          c.nevras.add(rpm);
          c.packages.add(nevra.name());
          requireObject(json, rpm);
          String sigkey = null;
          while (nextKey(json)) {
            String field = json.getString();
            Event value = json.next();
            if (field.equals("sigkey") && value == Event.VALUE_STRING) {
              sigkey = json.getString();
            } else if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
              skipOpened(json, value);
            }
          }
          if (sigkey == null || sigkey.isEmpty()) {
            c.unsigned = true;
          } else {
            c.sigkeys.add(sigkey.toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    }
  }

  /** Moves to the next member's key; false at the end of the object. */
  private static boolean nextKey(JsonParser json) {
    Event e = json.next();
    if (e == Event.KEY_NAME) {
      return true;
    }
    if (e == Event.END_OBJECT) {
      return false;
    }
    throw new IllegalStateException("unexpected " + e);
  }

  private static void requireObject(JsonParser json, String what) {
    if (json.next() != Event.START_OBJECT) {
      throw new IllegalStateException(what + " is not an object");
    }
  }

  private static void expect(JsonParser json, Event event) {
    if (!json.hasNext() || json.next() != event) {
      throw new IllegalStateException("the document is not a JSON object");
    }
  }

  private static void skipValue(JsonParser json) {
    Event e = json.next();
    if (e == Event.START_OBJECT || e == Event.START_ARRAY) {
      skipOpened(json, e);
    }
  }

  private static void skipOpened(JsonParser json, Event opened) {
    if (opened == Event.START_OBJECT) {
      json.skipObject();
    } else {
      json.skipArray();
    }
  }

  private static final class Collected {
    final Set<String> arches = new TreeSet<>();
    final Set<String> builds = new TreeSet<>();
    final Set<String> packages = new TreeSet<>();
    final Set<String> sigkeys = new TreeSet<>();
    final Set<String> nevras = new TreeSet<>();
    boolean unsigned;

    PungiComposeContent content() {
      List<String> keys = new ArrayList<>(sigkeys);
      if (unsigned) {
        keys.add(""); // ODCS's trailing blank: unsigned copies allowed
      }
      return new PungiComposeContent(
          List.copyOf(arches), List.copyOf(builds), List.copyOf(packages), keys, nevras);
    }
  }
}
