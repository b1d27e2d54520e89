package org.jail4j.conf;

import java.nio.file.Path;
import java.util.Objects;
import org.jail4j.conf.internal.ByteStrings;
import org.jail4j.conf.internal.Evaluator;
import org.jail4j.conf.internal.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Options for reading jail.conf: which jail(8) to follow, whether {@code .include} is honoured, and
 * where relative include names of text (not a file) are resolved.
 *
 * <pre>{@code
 * JailConf conf = JailConf.parser()
 *     .dialect(JailConfDialect.LEGACY)
 *     .allowIncludes(false)
 *     .parse(untrustedText);
 * }</pre>
 */
public final class JailConfParser {
  private JailConfDialect dialect = JailConfDialect.CURRENT;
  private boolean allowIncludes = true;
  private @Nullable Path baseDirectory;

  JailConfParser() {}

  /**
   * Which jail(8) to follow (default {@link JailConfDialect#CURRENT}).
   *
   * @param dialect the dialect
   * @return this parser
   */
  public JailConfParser dialect(JailConfDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    return this;
  }

  /**
   * Whether {@code .include} reads files (default true). When false each {@code .include} is a
   * problem, so untrusted text cannot make the parser read files.
   *
   * @param allow true to honour includes
   * @return this parser
   */
  public JailConfParser allowIncludes(boolean allow) {
    this.allowIncludes = allow;
    return this;
  }

  /**
   * Where relative file names are resolved (default: the working directory, as jail(8)). For a
   * file, relative includes are relative to that file's directory first, as in jail(8).
   *
   * @param dir the directory
   * @return this parser
   */
  public JailConfParser baseDirectory(Path dir) {
    this.baseDirectory = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /**
   * Parses text, named {@code STDIN} in messages.
   *
   * @param text the text
   * @return the evaluated file
   * @throws JailConfException when jail(8) would reject it
   */
  public JailConf parse(String text) {
    return parse(text, "STDIN");
  }

  /**
   * Parses text under a file name used in messages; relative includes resolve against the base
   * directory.
   *
   * @param text the text
   * @param name the name for messages
   * @return the evaluated file
   * @throws JailConfException when jail(8) would reject it
   */
  public JailConf parse(String text, String name) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(name, "name");
    Parser p = new Parser(dialect, allowIncludes, baseDirectory);
    return new JailConf(
        Evaluator.evaluate(p.parse(name, ByteStrings.fromText(text), true), dialect));
  }

  /**
   * Reads a file; it is named in messages as given.
   *
   * @param file the file
   * @return the evaluated file
   * @throws JailConfException when jail(8) would reject it, or the file cannot be read
   */
  public JailConf read(Path file) {
    Objects.requireNonNull(file, "file");
    Parser p = new Parser(dialect, allowIncludes, baseDirectory);
    return new JailConf(Evaluator.evaluate(p.read(file.toString()), dialect));
  }

  /**
   * Parses text into a document for editing, named {@code STDIN} in messages.
   *
   * @param text the text
   * @return the document
   * @throws JailConfException when jail(8) would reject it
   */
  public JailConfDocument document(String text) {
    return document(text, "STDIN");
  }

  /**
   * Parses text into a document for editing, under a file name used in messages; relative includes
   * resolve against the base directory.
   *
   * @param text the text
   * @param name the name for messages
   * @return the document
   * @throws JailConfException when jail(8) would reject it
   */
  public JailConfDocument document(String text, String name) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(name, "name");
    return JailConfDocument.of(
        dialect, allowIncludes, baseDirectory, name, ByteStrings.fromText(text), true);
  }

  /**
   * Reads a file into a document for editing, byte for byte; it is named in messages as given.
   *
   * @param file the file
   * @return the document
   * @throws JailConfException when jail(8) would reject it, or the file cannot be read
   */
  public JailConfDocument readDocument(Path file) {
    Objects.requireNonNull(file, "file");
    String bytes = new Parser(dialect, allowIncludes, baseDirectory).readText(file.toString());
    return JailConfDocument.of(
        dialect, allowIncludes, baseDirectory, file.toString(), bytes, false);
  }
}
