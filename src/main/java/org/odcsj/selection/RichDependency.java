package org.odcsj.selection;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed rpm boolean dependency ({@code (a or b)}, {@code (a if b else c)}, {@code (a with b)},
 * nested freely). Atoms are {@link Capability}s with optional version comparisons.
 */
public sealed interface RichDependency {

  record Atom(Capability capability) implements RichDependency {}

  /** Every part is needed. */
  record And(List<RichDependency> parts) implements RichDependency {}

  /** Any one part will do; the first resolvable one is chosen. */
  record Or(List<RichDependency> parts) implements RichDependency {}

  /** One package must satisfy every part. */
  record With(List<RichDependency> parts) implements RichDependency {}

  /** One package must satisfy {@code wanted} but not {@code excluded}. */
  record Without(RichDependency wanted, RichDependency excluded) implements RichDependency {}

  /**
   * {@code (then if condition [else otherwise])}, or with {@code unless} the condition negated:
   * {@code then} is needed only while the condition holds, {@code otherwise} ({@code null} if
   * absent) while it does not.
   */
  record Conditional(
      RichDependency then, RichDependency condition, boolean negated, RichDependency otherwise)
      implements RichDependency {}

  /** Parses {@code text}, which must start with {@code (}. */
  static RichDependency parse(String text) {
    Parser p = new Parser(text);
    RichDependency d = p.group();
    p.skipSpaces();
    if (p.pos != text.length()) {
      throw p.error("unexpected text after the closing parenthesis");
    }
    return d;
  }

  /** Recursive descent over rpm's rich dependency grammar. */
  final class Parser {
    private final String s;
    private int pos;

    private Parser(String s) {
      this.s = s;
    }

    /** {@code ( term [op term]... )}. */
    RichDependency group() {
      expect('(');
      RichDependency first = term();
      String op = word();
      RichDependency result;
      switch (op) {
        case ")" -> {
          return first;
        }
        case "and", "or", "with" -> {
          List<RichDependency> parts = new ArrayList<>(List.of(first, term()));
          String next;
          while ((next = word()).equals(op)) {
            parts.add(term());
          }
          if (!next.equals(")")) {
            throw error("cannot mix '" + op + "' and '" + next + "' without parentheses");
          }
          return switch (op) {
            case "and" -> new And(parts);
            case "or" -> new Or(parts);
            default -> new With(parts);
          };
        }
        case "without" -> result = new Without(first, term());
        case "if", "unless" -> {
          RichDependency condition = term();
          String next = word();
          RichDependency otherwise = null;
          if (next.equals("else")) {
            otherwise = term();
          } else {
            pos -= next.length();
          }
          result = new Conditional(first, condition, op.equals("unless"), otherwise);
        }
        default -> throw error("unknown operator '" + op + "'");
      }
      if (!word().equals(")")) {
        throw error("expected ')'");
      }
      return result;
    }

    /** A nested group or {@code name [op evr]}. */
    private RichDependency term() {
      skipSpaces();
      if (pos < s.length() && s.charAt(pos) == '(') {
        return group();
      }
      String name = word();
      if (name.isEmpty() || name.equals(")")) {
        throw error("expected a capability");
      }
      int mark = pos;
      String maybeOp = word();
      if (!maybeOp.isEmpty() && "<>=".indexOf(maybeOp.charAt(0)) >= 0) {
        String evr = word();
        if (evr.isEmpty() || evr.equals(")")) {
          throw error("expected a version after " + maybeOp);
        }
        return new Atom(Capability.of(name, Capability.Op.ofSymbol(maybeOp), Evr.parse(evr)));
      }
      pos = mark;
      return new Atom(Capability.of(name));
    }

    /** The next word, or {@code ")"}, or {@code ""} at the end. */
    private String word() {
      skipSpaces();
      if (pos >= s.length()) {
        return "";
      }
      if (s.charAt(pos) == ')') {
        pos++;
        return ")";
      }
      // Like rpm's SKIPNONWHITEX: balanced parentheses belong to the name (libfoo.so.1()(64bit)).
      int start = pos;
      int open = 0;
      while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
        char c = s.charAt(pos);
        if (c == ')') {
          if (open == 0) {
            break;
          }
          open--;
        } else if (c == '(') {
          open++;
        }
        pos++;
      }
      return s.substring(start, pos);
    }

    private void expect(char c) {
      skipSpaces();
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    void skipSpaces() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "malformed rich dependency " + s + " at " + pos + ": " + what);
    }
  }
}
