package org.jail4j.conf.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.jail4j.conf.internal.Ast.Statement;
import org.jspecify.annotations.Nullable;

/**
 * One jail.conf file as a syntax tree that keeps every byte: statements and blocks as the {@link
 * Parser} reports them (it is the only grammar), and the gaps between them (whitespace, comments of
 * the three styles, empty statements) as they are. Every node is a range of the file's text, so
 * writing the tree back gives the file byte for byte.
 *
 * <pre>{@code
 * ConfTree tree = new ConfTree(bytes);
 * List<Ast.Section> sections = new Parser(dialect, true, null).listen(tree).parse(name, bytes, true);
 * tree.finish();
 * tree.write().equals(bytes); // true
 * }</pre>
 */
public final class ConfTree implements Parser.Listener {

  /** A part of the file. */
  public sealed interface Node permits Gap, Stmt, Block {
    /** Where it starts in the text. */
    int start();

    /** Where it ends. */
    int end();
  }

  /**
   * Whitespace, comments and empty statements between two other nodes.
   *
   * @param start where it starts
   * @param end where it ends
   */
  public record Gap(int start, int end) implements Node {}

  /**
   * A statement, from its name to its {@code ;}.
   *
   * @param statement what the parser made of it (the very object the evaluator reads)
   * @param tokens its tokens
   * @param block the block it is directly in, or null at the top level
   */
  public record Stmt(Statement statement, List<Token> tokens, @Nullable Block block)
      implements Node {
    /** Copies the list. */
    public Stmt {
      tokens = List.copyOf(tokens);
    }

    @Override
    public int start() {
      return tokens.get(0).start();
    }

    @Override
    public int end() {
      return tokens.get(tokens.size() - 1).end();
    }
  }

  /** A block: its name and brace, its body, and its closing brace. */
  public static final class Block implements Node {
    private final String name;
    private final Token nameToken;
    private final Token open;
    private @Nullable Token close;
    private final @Nullable Block parent;
    private final List<Node> body = new ArrayList<>();

    Block(String name, Token nameToken, Token open, @Nullable Block parent) {
      this.name = name;
      this.nameToken = nameToken;
      this.open = open;
      this.parent = parent;
    }

    /** The full (dotted) name. */
    public String name() {
      return name;
    }

    /** The name as written. */
    public Token nameToken() {
      return nameToken;
    }

    /** The opening brace. */
    public Token open() {
      return open;
    }

    /** The closing brace. */
    public Token close() {
      Token c = close;
      if (c == null) {
        throw new IllegalStateException("block " + name + " is not closed");
      }
      return c;
    }

    /** The enclosing block, or null at the top level. */
    public @Nullable Block parent() {
      return parent;
    }

    /** What is between the braces, in file order. */
    public List<Node> body() {
      return body;
    }

    @Override
    public int start() {
      return nameToken.start();
    }

    @Override
    public int end() {
      return close().end();
    }
  }

  private final String text;
  private final List<Node> top = new ArrayList<>();
  private final Deque<Block> openBlocks = new ArrayDeque<>();
  private final List<Stmt> statements = new ArrayList<>();
  private final List<Block> blocks = new ArrayList<>();
  private final IdentityHashMap<Statement, Stmt> byStatement = new IdentityHashMap<>();
  private int pos;

  /**
   * An empty tree over a file's text; the parser fills it.
   *
   * @param text the file's bytes, one per char
   */
  public ConfTree(String text) {
    this.text = text;
  }

  @Override
  public void statement(Statement statement, List<Token> tokens) {
    gapTo(tokens.get(0).start());
    Stmt s = new Stmt(statement, tokens, openBlocks.peek());
    add(s);
    statements.add(s);
    byStatement.put(statement, s);
    pos = s.end();
  }

  @Override
  public void blockOpen(String name, Token nameToken, Token brace) {
    gapTo(nameToken.start());
    Block b = new Block(name, nameToken, brace, openBlocks.peek());
    add(b);
    blocks.add(b);
    openBlocks.push(b);
    pos = brace.end();
  }

  @Override
  public void blockClose(Token brace) {
    gapTo(brace.start());
    Block b = openBlocks.pop();
    b.close = brace;
    pos = brace.end();
  }

  /** Ends the tree after a successful parse: the rest of the text is the last gap. */
  public void finish() {
    if (!openBlocks.isEmpty()) {
      throw new IllegalStateException("a block is still open");
    }
    gapTo(text.length());
  }

  private void gapTo(int to) {
    if (to > pos) {
      add(new Gap(pos, to));
      pos = to;
    }
  }

  private void add(Node n) {
    Block b = openBlocks.peek();
    (b == null ? top : b.body).add(n);
  }

  /** The file's text. */
  public String text() {
    return text;
  }

  /** The top-level nodes. */
  public List<Node> top() {
    return top;
  }

  /** Every statement of the file (not of included files), in file order. */
  public List<Stmt> statements() {
    return statements;
  }

  /** Every block, in file order. */
  public List<Block> blocks() {
    return blocks;
  }

  /**
   * The node of a parsed statement.
   *
   * @param s a statement of the parsed sections
   * @return its node, or empty when it is in an included file
   */
  public Optional<Stmt> node(Statement s) {
    return Optional.ofNullable(byStatement.get(s));
  }

  /**
   * The text of a node.
   *
   * @param n the node
   * @return its bytes
   */
  public String text(Node n) {
    return text.substring(n.start(), n.end());
  }

  /**
   * The tree written back: every node's bytes in order (a block's name and brace, its body and its
   * closing brace).
   *
   * @return the text
   */
  public String write() {
    StringBuilder b = new StringBuilder(text.length());
    // iterative, so that deeply nested blocks cannot exhaust the stack
    Deque<Object> pending = new ArrayDeque<>();
    for (int i = top.size() - 1; i >= 0; i--) {
      pending.push(top.get(i));
    }
    while (!pending.isEmpty()) {
      Object o = pending.pop();
      if (o instanceof Token t) {
        b.append(text, t.start(), t.end());
      } else if (o instanceof Block k) {
        b.append(text, k.nameToken.start(), k.open.end());
        pending.push(k.close());
        for (int i = k.body.size() - 1; i >= 0; i--) {
          pending.push(k.body.get(i));
        }
      } else {
        Node n = (Node) o;
        b.append(text, n.start(), n.end());
      }
    }
    return b.toString();
  }
}
