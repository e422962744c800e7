package org.odcsj.it.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of hostile requests to {@code /api/1/composes/}: JSON bodies with wrong types,
 * huge numbers, deep nesting, unknown keys, NULs, lone surrogates and over-long strings; raw bodies
 * with invalid UTF-8, NUL bytes, truncation and garbage; list query strings with the same kinds of
 * values; compose ids in paths that are not ids ({@code ..}, encoded slashes, huge, negative).
 */
final class HostileRequests {
  private HostileRequests() {}

  static final String COMPOSES = "/api/1/composes/";

  /** Keys the API knows (at the top level or in {@code source}), and some it does not. */
  private static final List<String> KEYS =
      List.of(
          "source",
          "type",
          "packages",
          "builds",
          "sigkeys",
          "koji_event",
          "modules",
          "scratch_modules",
          "scratch_build_tasks",
          "modular_koji_tags",
          "module_defaults_url",
          "module_defaults_commit",
          "base_module_br_name",
          "base_module_br_stream",
          "base_module_br_stream_version_lte",
          "base_module_br_stream_version_gte",
          "seconds_to_live",
          "seconds-to-live",
          "flags",
          "results",
          "arches",
          "multilib_arches",
          "multilib_method",
          "lookaside_repos",
          "label",
          "compose_type",
          "target_dir",
          "parent_pungi_compose_ids",
          "respin_of",
          "id",
          "owner",
          "state",
          "__proto__",
          "constructor",
          "",
          "\\u0000",
          "k\\u0000ey",
          "\\ud800",
          "../../etc",
          "a.b",
          "$where");

  private static final List<String> SOURCE_TYPES =
      List.of("tag", "module", "repo", "pulp", "raw_config", "build", "pungi_compose", "nope", "");

  /** JSON text of a scalar of any type, many of them extreme. */
  static Arbitrary<String> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "null",
            "true",
            "false",
            "0",
            "-1",
            "1.5",
            "-0",
            "1e400",
            "-1e400",
            "1e999999999",
            "1E-999999999",
            "9223372036854775808",
            "-9223372036854775809",
            "123456789012345678901234567890123456789012345678901234567890",
            "0." + "0".repeat(2000) + "1",
            "1" + "0".repeat(1500),
            "\"\"",
            "\"\\u0000\"",
            "\"a\\u0000b\"",
            "\"\\ud800\"",
            "\"\\udfff x\"",
            "\"..\"",
            "\"../../../etc/passwd\"",
            "\"/tmp/../etc\"",
            "\"%00\"",
            "\"{x}\"",
            "\"${jndi:ldap://x}\"",
            "\"<script>\"",
            "\"'; drop table composes; --\"",
            "\"\\\"\"",
            "\"\\\\\"",
            "\"\\t\\n\\r\""),
        Arbitraries.strings().ofMaxLength(40).map(HostileRequests::quoted),
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(250)
            .ofMaxLength(70_000)
            .map(HostileRequests::quoted),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigIntegers()
            .between(java.math.BigInteger.TEN.pow(18).negate(), java.math.BigInteger.TEN.pow(40))
            .map(String::valueOf),
        Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "1e308"));
  }

  /** JSON text of any value: scalars, arrays, objects, and nesting up to thousands deep. */
  static Arbitrary<String> value() {
    return Arbitraries.lazyOf(
        HostileRequests::scalar,
        () -> scalar().list().ofMaxSize(5).map(l -> "[" + String.join(",", l) + "]"),
        () ->
            Combinators.combine(Arbitraries.of(KEYS), scalar())
                .as((k, v) -> "{" + quotedRaw(k) + ":" + v + "}"),
        () ->
            Combinators.combine(Arbitraries.integers().between(2, 5000), scalar())
                .as((depth, v) -> "[".repeat(depth) + v + "]".repeat(depth)),
        () ->
            Arbitraries.integers()
                .between(2, 3000)
                .map(depth -> "{\"source\":".repeat(depth) + "1" + "}".repeat(depth)));
  }

  /** A request body: a compose request with members of generated types, or none at all. */
  static Arbitrary<String> jsonBody() {
    Arbitrary<String> member =
        Combinators.combine(Arbitraries.of(KEYS), value()).as((k, v) -> quotedRaw(k) + ":" + v);
    Arbitrary<String> source =
        Combinators.combine(Arbitraries.of(SOURCE_TYPES), member.list().ofMaxSize(4))
            .as(
                (type, members) -> {
                  List<String> all = new ArrayList<>();
                  all.add("\"type\":" + quotedRaw(type));
                  all.addAll(members);
                  return "{" + String.join(",", all) + "}";
                });
    Arbitrary<String> request =
        Combinators.combine(source, member.list().ofMinSize(1).ofMaxSize(4))
            .as((s, members) -> "{\"source\":" + s + "," + String.join(",", members) + "}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, request),
        net.jqwik.api.Tuple.of(1, value()),
        net.jqwik.api.Tuple.of(
            1, member.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}")));
  }

  /** Body bytes: JSON as above, or it damaged byte-wise (invalid UTF-8, NUL, cut, garbage). */
  static Arbitrary<byte[]> body() {
    Arbitrary<byte[]> json = jsonBody().map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> damaged =
        Combinators.combine(
                jsonBody(),
                Arbitraries.of(
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xc3, 0x28},
                    new byte[] {(byte) 0xc0, (byte) 0x80},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                    new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                    new byte[] {(byte) 0xe2, (byte) 0x82},
                    new byte[] {0},
                    new byte[] {0, 0, 0, 0},
                    new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(true, false))
            .as(
                (text, insert, where, cut) -> {
                  byte[] b = text.getBytes(StandardCharsets.UTF_8);
                  int at = (int) (where * b.length);
                  if (cut) {
                    return java.util.Arrays.copyOf(b, at);
                  }
                  byte[] out = new byte[b.length + insert.length];
                  System.arraycopy(b, 0, out, 0, at);
                  System.arraycopy(insert, 0, out, at, insert.length);
                  System.arraycopy(b, at, out, at + insert.length, b.length - at);
                  return out;
                });
    Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, json),
        net.jqwik.api.Tuple.of(3, damaged),
        net.jqwik.api.Tuple.of(1, garbage));
  }

  /** What stands where a compose id belongs: never a valid id of an existing compose. */
  static Arbitrary<String> idSegment() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "..",
            "%2e%2e",
            ".%2e",
            "1%2F2",
            "1%2f..%2f..",
            "-1",
            "0",
            "-0",
            "+1",
            "1.0",
            "0x10",
            "1e3",
            "99999999999999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "%00",
            "1%00",
            "%20",
            "1%20",
            "%C0%AE%C0%AE",
            "%EF%BF%BD",
            "%D9%A1",
            "1;x=2",
            "1,2",
            "null",
            "undefined",
            "%7Bid%7D",
            "%25",
            "~",
            "1%0D%0AX-Injected:%201"),
        Arbitraries.longs().between(Long.MAX_VALUE / 2, Long.MAX_VALUE).map(String::valueOf),
        Arbitraries.strings()
            .ofMinLength(1)
            .ofMaxLength(30)
            .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)));
  }

  /** A query string of the list endpoint: known filters and unknown names, hostile values. */
  static Arbitrary<String> listQuery() {
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of(
                "owner",
                "source_type",
                "source",
                "state",
                "koji_task_id",
                "pungi_compose_id",
                "compose_type",
                "label",
                "order_by",
                "page",
                "per_page",
                "id",
                "%00",
                "page%00",
                "",
                "a%FFb",
                "_x",
                "endpoint"),
            Arbitraries.strings().ofMaxLength(10).map(HostileRequests::encode));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "0",
                "-1",
                "1",
                "2147483647",
                "2147483648",
                "-2147483648",
                "99999999999999999999999",
                "1e3",
                "1.5",
                "%00",
                "a%00b",
                "%FF",
                "%C3%28",
                "%ED%A0%80",
                "%C0%80",
                "..",
                "..%2F..%2Fetc",
                "%7Bx%7D",
                "%7B%7D",
                "-id",
                "-",
                "--id",
                "source_Type",
                "time_done",
                "done",
                "DONE",
                "wait",
                "7",
                "8",
                "repo",
                "%25",
                "%",
                "%Z",
                "%%",
                "1%2B1",
                "x%26y%3Dz",
                "%E2%80%AE",
                "%F0%9F%98%80"),
            Arbitraries.strings().ofMaxLength(60).map(HostileRequests::encode),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(300).ofMaxLength(3000));
    Arbitrary<String> param = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
    return param.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("&", l));
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** {@code s} as a JSON string literal (escaped properly). */
  private static String quoted(String s) {
    return jakarta.json.Json.createValue(s).toString();
  }

  /** {@code s} between quotes as it is: may hold escapes such as the keys' {@code \\u0000}. */
  private static String quotedRaw(String s) {
    return "\"" + s + "\"";
  }
}
