package org.jail4j.testkit.transcript;

import java.util.HashMap;
import java.util.Map;

/**
 * The normalisation of one case: JIDs, jail descriptors and pids that the kernel chose are written
 * as {@code J1}, {@code D1}, {@code P1}, numbered in order of first appearance, so that two runs of
 * the same case compare equal; numbers the caller chose are written as they are.
 */
final class Symbols {

  /** What a number is, and the letter of its symbols. */
  enum Kind {
    JID('J'),
    FD('D'),
    PID('P');

    final char letter;

    Kind(char letter) {
      this.letter = letter;
    }
  }

  private final Map<Kind, Map<Integer, String>> tokens = new HashMap<>();
  private final Map<Kind, Map<String, Integer>> numbers = new HashMap<>();

  private Map<Integer, String> tokens(Kind kind) {
    return tokens.computeIfAbsent(kind, k -> new HashMap<>());
  }

  private Map<String, Integer> numbers(Kind kind) {
    return numbers.computeIfAbsent(kind, k -> new HashMap<>());
  }

  /** A number the caller passed: its symbol when the kernel chose it before, else itself. */
  String in(Kind kind, int value) {
    String t = tokens(kind).get(value);
    if (t != null) {
      return t;
    }
    String literal = Integer.toString(value);
    if (value > 0) {
      tokens(kind).put(value, literal);
    }
    return literal;
  }

  /** A number the kernel returned: a new symbol when first seen (0 and negatives stay literal). */
  String out(Kind kind, int value) {
    if ((value <= 0 && kind != Kind.FD) || value < 0) {
      return Integer.toString(value);
    }
    String t = tokens(kind).get(value);
    if (t != null) {
      return t;
    }
    String symbol = kind.letter + Integer.toString(numbers(kind).size() + 1);
    tokens(kind).put(value, symbol);
    numbers(kind).put(symbol, value);
    return symbol;
  }

  /**
   * The number a token stands for in this run.
   *
   * @throws IllegalArgumentException for a symbol the kernel has not returned yet
   */
  int resolve(Kind kind, String token) {
    if (!token.isEmpty() && token.charAt(0) == kind.letter) {
      Integer n = numbers(kind).get(token);
      if (n == null) {
        throw new IllegalArgumentException(
            token + " is used before the kernel returned it in this case");
      }
      return n;
    }
    return Integer.parseInt(token);
  }

  /** Whether the token is a literal or a symbol of this kind. */
  static boolean isToken(Kind kind, String token) {
    if (token.length() > 1 && token.charAt(0) == kind.letter) {
      return token.substring(1).chars().allMatch(Character::isDigit)
          && token.charAt(1) != '0'
          && token.length() < 9;
    }
    try {
      Integer.parseInt(token);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
