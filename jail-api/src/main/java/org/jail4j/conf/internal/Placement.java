package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where an edit's text goes in a jail.conf file, so that it touches only its own lines: a replaced
 * statement keeps its place, a removed statement takes its line with it when it has the line to
 * itself, a new statement goes at the end of its block (or after the globals) in the indentation of
 * its neighbours, a new block at the end of the file.
 *
 * <pre>{@code
 * Placement at = new Placement(tree, style);
 * String edited = Placement.apply(text, List.of(at.insertInBlock(block, "persist;")));
 * }</pre>
 */
public final class Placement {

  /**
   * One replacement of {@code [start, end)} of the text.
   *
   * @param start where it starts
   * @param end where it ends
   * @param text what goes there
   */
  public record Splice(int start, int end, String text) {}

  private final ConfTree tree;
  private final ConfStyle style;
  private final String t;

  /**
   * Placement in one parsed file.
   *
   * @param tree the file
   * @param style its style
   */
  public Placement(ConfTree tree, ConfStyle style) {
    this.tree = tree;
    this.style = style;
    this.t = tree.text();
  }

  /**
   * Applies splices that do not overlap.
   *
   * @param text the text
   * @param splices the splices, in any order
   * @return the edited text
   */
  public static String apply(String text, List<Splice> splices) {
    List<Splice> sorted = new ArrayList<>(splices);
    sorted.sort(Comparator.comparingInt(Splice::start).reversed());
    StringBuilder b = new StringBuilder(text);
    int limit = Integer.MAX_VALUE;
    for (Splice s : sorted) {
      int end = Math.min(s.end(), limit);
      b.replace(s.start(), Math.max(s.start(), end), s.text());
      limit = s.start();
    }
    return b.toString();
  }

  /**
   * A statement in place of the first of {@code existing} (the others removed), or added to the
   * block (or the globals) when there is none.
   *
   * @param existing the statements to replace
   * @param stmt the new statement
   * @param b the block, or null for the globals
   * @return the splices
   */
  public List<Splice> replaceOrInsert(
      List<ConfTree.Stmt> existing, String stmt, ConfTree.@Nullable Block b) {
    List<Splice> out = new ArrayList<>();
    if (existing.isEmpty()) {
      out.add(b == null ? insertTop(stmt) : insertInBlock(b, stmt));
      return out;
    }
    List<ConfTree.Stmt> sorted = new ArrayList<>(existing);
    sorted.sort(Comparator.comparingInt(ConfTree.Stmt::start));
    ConfTree.Stmt first = sorted.get(0);
    out.add(new Splice(first.start(), first.end(), stmt));
    for (int i = 1; i < sorted.size(); i++) {
      out.add(removal(sorted.get(i)));
    }
    return out;
  }

  /**
   * A new statement at the end of a block, on its own line in the indentation of the block's
   * statements (or the block's own plus one level); inside a one-line block, on that line.
   *
   * @param b the block
   * @param stmt the statement
   * @return the splice
   */
  public Splice insertInBlock(ConfTree.Block b, String stmt) {
    String nl = style.newline();
    int c = b.close().start();
    int ls = ConfStyle.lineStart(t, c);
    String indent = null;
    for (ConfTree.Node n : b.body()) {
      if (n instanceof ConfTree.Stmt s) {
        String before = t.substring(ConfStyle.lineStart(t, s.start()), s.start());
        if (isBlank(before)) {
          indent = before;
          break;
        }
      }
    }
    String header = t.substring(ConfStyle.lineStart(t, b.start()), b.start());
    String outer = isBlank(header) ? header : "";
    if (indent == null) {
      indent = outer + style.indent();
    }
    if (ls > b.open().end() && isBlank(t.substring(ls, c))) {
      return new Splice(ls, ls, indent + stmt + nl);
    }
    if (isBlank(t.substring(b.open().end(), c))) {
      // an empty one-line block: open it up
      return new Splice(b.open().end(), c, nl + indent + stmt + nl + outer);
    }
    char prev = t.charAt(c - 1);
    return new Splice(c, c, (prev == ' ' || prev == '\t' ? "" : " ") + stmt + " ");
  }

  /**
   * A new global statement: after the last global statement before the first block; else on its own
   * line before the first block (so that every jail's own statements override it); else at the end.
   *
   * @param stmt the statement
   * @return the splice
   */
  public Splice insertTop(String stmt) {
    String nl = style.newline();
    ConfTree.Block firstBlock = null;
    for (ConfTree.Block b : tree.blocks()) {
      if (b.parent() == null) {
        firstBlock = b;
        break;
      }
    }
    ConfTree.Stmt last = null;
    for (ConfTree.Stmt s : tree.statements()) {
      if (s.block() == null && (firstBlock == null || s.start() < firstBlock.start())) {
        last = s;
      }
    }
    if (last != null) {
      String before = t.substring(ConfStyle.lineStart(t, last.start()), last.start());
      String indent = isBlank(before) ? before : "";
      int eol = restOfLine(t, last.end());
      if (eol < 0) {
        return new Splice(last.end(), last.end(), " " + stmt);
      }
      if (eol >= t.length()) {
        return new Splice(t.length(), t.length(), nl + indent + stmt);
      }
      return new Splice(eol + 1, eol + 1, indent + stmt + nl);
    }
    if (firstBlock != null) {
      int ls = ConfStyle.lineStart(t, firstBlock.start());
      if (isBlank(t.substring(ls, firstBlock.start()))) {
        return new Splice(ls, ls, stmt + nl);
      }
      return new Splice(firstBlock.start(), firstBlock.start(), stmt + " ");
    }
    return new Splice(t.length(), t.length(), newlineIfNeeded() + stmt + nl);
  }

  /**
   * A new block at the end of the file, after a blank line when the file separates its blocks so.
   *
   * @param block the block's text, ending in a line break
   * @return the splice
   */
  public Splice appendBlock(String block) {
    String prefix = newlineIfNeeded();
    if (!t.isEmpty()
        && style.blankBetweenBlocks()
        && !t.endsWith("\n\n")
        && !t.endsWith("\r\n\r\n")) {
      prefix += style.newline();
    }
    return new Splice(t.length(), t.length(), prefix + block);
  }

  private String newlineIfNeeded() {
    return !t.isEmpty() && !t.endsWith("\n") ? style.newline() : "";
  }

  /**
   * A statement's removal: its whole line when it has the line to itself.
   *
   * @param n the statement
   * @return the splice
   */
  public Splice removal(ConfTree.Stmt n) {
    int[] r = wholeLines(n.start(), n.end());
    return new Splice(r[0], r[1], "");
  }

  /**
   * A block's removal with the lines it has to itself, and one of two blank lines around it.
   *
   * @param b the block
   * @return the splice
   */
  public Splice removal(ConfTree.Block b) {
    int[] r = wholeLines(b.start(), b.end());
    int e = r[1];
    if (r[2] == 1 && blankLineBefore(r[0]) && blankLineAt(e)) {
      e = lineEnd(e);
    }
    return new Splice(r[0], e, "");
  }

  /**
   * The range to remove for {@code [s, e)}: from the line start through the line end (and a comment
   * to the end of the line) when nothing else is on those lines ({@code [2] == 1}), else the range
   * and the blanks after it.
   */
  private int[] wholeLines(int s, int e) {
    int ls = ConfStyle.lineStart(t, s);
    int eol = restOfLine(t, e);
    if (isBlank(t.substring(ls, s)) && eol >= 0) {
      if (eol >= t.length() && ls > 0) {
        // the last line has no line break: take the one before it instead
        int from = ls > 1 && t.charAt(ls - 2) == '\r' ? ls - 2 : ls - 1;
        return new int[] {from, t.length(), 1};
      }
      return new int[] {ls, Math.min(t.length(), eol + 1), 1};
    }
    int j = e;
    while (j < t.length() && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) {
      j++;
    }
    return new int[] {s, j, 0};
  }

  /**
   * The offset of the line break ending the line at {@code e} (or the text's length) when only
   * blanks and a {@code #} or {@code //} comment follow on it; -1 when anything else does.
   */
  private static int restOfLine(String t, int e) {
    int j = e;
    while (j < t.length() && (t.charAt(j) == ' ' || t.charAt(j) == '\t' || t.charAt(j) == '\r')) {
      j++;
    }
    if (j < t.length() && (t.charAt(j) == '#' || t.startsWith("//", j))) {
      int nl = t.indexOf('\n', j);
      return nl < 0 ? t.length() : nl;
    }
    if (j >= t.length()) {
      return t.length();
    }
    return t.charAt(j) == '\n' ? j : -1;
  }

  private int lineEnd(int at) {
    int nl = t.indexOf('\n', at);
    return nl < 0 ? t.length() : nl + 1;
  }

  private boolean blankLineBefore(int ls) {
    return ls > 0 && isBlank(t.substring(ConfStyle.lineStart(t, ls - 1), ls));
  }

  private boolean blankLineAt(int ls) {
    return ls < t.length() && isBlank(t.substring(ls, lineEnd(ls)));
  }

  private static boolean isBlank(String s) {
    return s.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\r' || c == '\n');
  }
}
