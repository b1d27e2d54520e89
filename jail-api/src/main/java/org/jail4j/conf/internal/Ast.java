package org.jail4j.conf.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What jailparse.y builds: sections ({@code struct cfjail}: jail blocks, wildcard blocks and the
 * global section) holding statements ({@code struct cfparam}) whose values ({@code struct
 * cfstring}) carry variable references at positions. All text is bytes held one per char.
 *
 * <pre>{@code
 * Ast.Value v = new Ast.Value("/jail/", List.of(new Ast.VarRef("name", 6))); // "/jail/$name"
 * }</pre>
 */
public final class Ast {
  private Ast() {}

  /**
   * A variable reference inside a value.
   *
   * @param name the variable or parameter name, without {@code $} and braces
   * @param pos where its text goes in the value's literal text
   */
  public record VarRef(String name, int pos) {}

  /**
   * One value: the literal text of its pieces, joined, and the references to splice in.
   *
   * @param text the literal text
   * @param refs the references, in order of position
   */
  public record Value(String text, List<VarRef> refs) {
    /** Copies the list. */
    public Value {
      refs = List.copyOf(refs);
    }
  }

  /** How a statement assigns. */
  public enum Op {
    /** {@code name = values;}. */
    ASSIGN,
    /** {@code name += values;}. */
    APPEND,
    /** {@code name values;} (no {@code =}; the form {@code .include} needs). */
    NAMEVAL,
    /** {@code name;} (no value). */
    FLAG
  }

  /**
   * One statement.
   *
   * @param name the parameter or variable name
   * @param variable true for {@code $name = ...} (a variable definition)
   * @param op how it assigns
   * @param values the values (empty for {@link Op#FLAG})
   * @param file the file it is in
   * @param line the line of its name
   */
  public record Statement(
      String name, boolean variable, Op op, List<Value> values, String file, int line) {
    /** Copies the list. */
    public Statement {
      values = List.copyOf(values);
    }

    /** True for {@code +=}. */
    public boolean append() {
      return op == Op.APPEND;
    }
  }

  /** A section: a jail block, a wildcard block, or the global section {@code *}. */
  public static final class Section {
    private final String name;
    private final @Nullable Section parent;
    private final List<Statement> statements = new ArrayList<>();

    /**
     * A section.
     *
     * @param name its full (dotted) name
     * @param parent the enclosing block, for nested blocks
     */
    public Section(String name, @Nullable Section parent) {
      this.name = Objects.requireNonNull(name, "name");
      this.parent = parent;
    }

    /** The full name, e.g. {@code web}, {@code outer.inner}, {@code *} or {@code foo.*}. */
    public String name() {
      return name;
    }

    /** The enclosing block. */
    public @Nullable Section parent() {
      return parent;
    }

    /** The statements, in file order. */
    public List<Statement> statements() {
      return statements;
    }

    @Override
    public String toString() {
      return name + " " + statements;
    }
  }
}
