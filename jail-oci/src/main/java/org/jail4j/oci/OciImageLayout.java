package org.jail4j.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jail4j.oci.internal.ImageJson;
import org.jail4j.oci.internal.Json;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image layout on disk (image-spec 1.1.1 {@code image-layout}): a directory with {@code
 * oci-layout}, {@code index.json} and content-addressed {@code blobs/ALGORITHM/HEX}. Every blob is
 * read against its descriptor: a missing blob, another size or another digest is an {@link
 * OciBlobException} naming the digest. {@link #image(OciPlatform)} picks the image for a platform
 * through the index (and nested indexes); {@link OciImageRoot} applies its layers into a jail root.
 *
 * <p>Blobs come in through {@link #writeBlob(OciDescriptor, InputStream)}, which checks size and
 * digest while it writes and renames the blob into place only when both match, and manifests are
 * named in {@code index.json} with {@link #withManifest(OciDescriptor)}: a registry pull writes a
 * layout this way, and the layout's reader sees nothing half-written.
 *
 * <pre>{@code
 * OciImageLayout layout = OciImageLayout.open(Path.of("/images/freebsd-base"))
 *     .validatingWith(Path.of("image-spec/schema")); // optional: check every document read
 * OciImage image = layout.image(OciPlatform.freebsd("amd64"));
 * }</pre>
 */
public final class OciImageLayout {
  /** The {@code imageLayoutVersion} jail4j reads and writes. */
  public static final String LAYOUT_VERSION = "1.0.0";

  /** How deep image indexes may nest below {@code index.json}. */
  public static final int MAX_INDEX_DEPTH = 8;

  private final Path dir;
  private final OciIndex index;
  private final @Nullable Schemas schemas;

  private record Schemas(OciSchema layout, OciSchema index, OciSchema manifest, OciSchema config) {}

  private OciImageLayout(Path dir, OciIndex index, @Nullable Schemas schemas) {
    this.dir = dir;
    this.index = index;
    this.schemas = schemas;
  }

  /**
   * Opens a layout: reads {@code oci-layout} (version {@value #LAYOUT_VERSION}) and {@code
   * index.json}.
   *
   * @param dir the layout directory
   * @return the layout
   * @throws OciException when a file is missing, malformed or of another layout version
   */
  public static OciImageLayout open(Path dir) {
    return open(dir.toAbsolutePath().normalize(), null);
  }

  private static OciImageLayout open(Path dir, @Nullable Schemas schemas) {
    String layout = readText(dir, "oci-layout");
    ImageJson.Doc doc = ImageJson.parse("oci-layout", layout);
    String version = doc.reader().required(doc.root(), "imageLayoutVersion", "imageLayoutVersion");
    if (!version.equals(LAYOUT_VERSION)) {
      throw new OciException(
          "oci-layout:imageLayoutVersion",
          "\"" + version + "\" is not the layout version jail4j reads, " + LAYOUT_VERSION);
    }
    String indexJson = readText(dir, "index.json");
    if (schemas != null) {
      check(schemas.layout(), "oci-layout", layout);
      check(schemas.index(), "index.json", indexJson);
    }
    return new OciImageLayout(dir, OciIndex.parse("index.json", indexJson), schemas);
  }

  /**
   * Creates an empty layout (no manifest), or opens the layout already there.
   *
   * @param dir the directory, created when missing
   * @return the layout
   * @throws OciException when the directory cannot be written or holds a broken layout
   */
  public static OciImageLayout create(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    if (Files.exists(d.resolve("oci-layout"))) {
      return open(d);
    }
    try {
      Files.createDirectories(d.resolve("blobs/sha256"));
      writeAtomically(
          d.resolve("oci-layout"),
          ("{\"imageLayoutVersion\": \"" + LAYOUT_VERSION + "\"}\n")
              .getBytes(StandardCharsets.UTF_8));
      writeAtomically(
          d.resolve("index.json"),
          new OciIndex(List.of(), Map.of()).toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OciException("oci-layout", "cannot create a layout in " + d + ": " + e, e);
    }
    return open(d);
  }

  /**
   * This layout, checking {@code oci-layout}, {@code index.json} and every index, manifest and
   * image config it reads against the image-spec schemas in a folder (the specification's {@code
   * schema/} folder: {@code image-layout-schema.json}, {@code image-index-schema.json}, {@code
   * image-manifest-schema.json}, {@code config-schema.json} and the files they refer to).
   *
   * @param imageSpecSchemas the folder
   * @return the validating layout
   * @throws OciException when a schema does not load, or this layout's files are not valid
   */
  public OciImageLayout validatingWith(Path imageSpecSchemas) {
    Schemas s =
        new Schemas(
            OciSchema.load(imageSpecSchemas.resolve("image-layout-schema.json")),
            OciSchema.load(imageSpecSchemas.resolve("image-index-schema.json")),
            OciSchema.load(imageSpecSchemas.resolve("image-manifest-schema.json")),
            OciSchema.load(imageSpecSchemas.resolve("config-schema.json")));
    return open(dir, s);
  }

  /** The layout directory. */
  public Path directory() {
    return dir;
  }

  /** The layout's {@code index.json}. */
  public OciIndex index() {
    return index;
  }

  // ---- reading blobs ------------------------------------------------------------------------

  /**
   * The file of a blob, after checking that its size and digest match the descriptor (the whole
   * file is read once).
   *
   * @param d the descriptor
   * @return the blob's file
   * @throws OciBlobException when the blob is missing or does not match
   */
  public Path blob(OciDescriptor d) {
    Path file = file(d);
    try (InputStream in = Files.newInputStream(file)) {
      OciDigest actual = d.digest().of(in);
      if (!actual.equals(d.digest())) {
        throw new OciBlobException(d.digest(), "digest", d.digest().toString(), actual.toString());
      }
    } catch (IOException e) {
      throw new OciException(d.digest().blobPath(), "cannot read: " + e, e);
    }
    return file;
  }

  /**
   * A JSON blob's content (an index, a manifest or a config), checked against the descriptor.
   *
   * @param d the descriptor; its size may be at most {@link OciConfig#MAX_BYTES}
   * @return the content
   * @throws OciBlobException when the blob is missing or does not match
   * @throws OciLimitException when the descriptor's size is over {@link OciConfig#MAX_BYTES}
   */
  public byte[] readBlob(OciDescriptor d) {
    if (d.size() > Json.MAX_BYTES) {
      throw Json.tooBig(d.size());
    }
    Path file = file(d);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OciException(d.digest().blobPath(), "cannot read: " + e, e);
    }
    check(d, content.length, digest(d.digest().algorithm(), content));
    return content;
  }

  private Path file(OciDescriptor d) {
    Path file = dir.resolve(d.digest().blobPath());
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new OciBlobException(d.digest(), "missing", "", "");
    } catch (IOException e) {
      throw new OciException(d.digest().blobPath(), "cannot read: " + e, e);
    }
    if (!Files.isRegularFile(file)) {
      throw new OciBlobException(d.digest(), "missing", "", "");
    }
    if (size != d.size()) {
      throw new OciBlobException(d.digest(), "size", Long.toString(d.size()), Long.toString(size));
    }
    return file;
  }

  private static void check(OciDescriptor d, long size, OciDigest actual) {
    if (size != d.size()) {
      throw new OciBlobException(d.digest(), "size", Long.toString(d.size()), Long.toString(size));
    }
    if (!actual.equals(d.digest())) {
      throw new OciBlobException(d.digest(), "digest", d.digest().toString(), actual.toString());
    }
  }

  private static OciDigest digest(String algorithm, byte[] content) {
    MessageDigest md = OciDigest.messageDigest(algorithm);
    return new OciDigest(algorithm, HexFormat.of().formatHex(md.digest(content)));
  }

  private String json(OciDescriptor d, @Nullable OciSchema schema) {
    String text = new String(readBlob(d), StandardCharsets.UTF_8);
    if (schema != null) {
      check(schema, d.digest().blobPath(), text);
    }
    return text;
  }

  private static void check(OciSchema schema, String document, String json) {
    List<String> problems = schema.problems(json);
    if (!problems.isEmpty()) {
      throw new OciException(
          document, "not valid against the image-spec schema: " + String.join("; ", problems));
    }
  }

  /**
   * Reads an image manifest blob.
   *
   * @param d the manifest's descriptor
   * @return the manifest
   * @throws OciException when the blob does not match, is malformed or is not valid
   */
  public OciManifest manifest(OciDescriptor d) {
    Schemas s = schemas;
    return OciManifest.parse(d.digest().blobPath(), json(d, s == null ? null : s.manifest()));
  }

  /**
   * Reads an image index blob (a nested index).
   *
   * @param d the index's descriptor
   * @return the index
   * @throws OciException when the blob does not match, is malformed or is not valid
   */
  public OciIndex nestedIndex(OciDescriptor d) {
    Schemas s = schemas;
    return OciIndex.parse(d.digest().blobPath(), json(d, s == null ? null : s.index()));
  }

  /**
   * Reads an image config blob.
   *
   * @param d the config's descriptor
   * @return the config
   * @throws OciException when the blob does not match, is malformed or is not valid
   */
  public OciImageConfig config(OciDescriptor d) {
    Schemas s = schemas;
    return OciImageConfig.parse(d.digest().blobPath(), json(d, s == null ? null : s.config()));
  }

  // ---- choosing an image ----------------------------------------------------------------------

  /**
   * The image for a platform: the first manifest, in {@code index.json} order and through nested
   * indexes, whose platform matches ({@link OciPlatform#matches}). A manifest listed without a
   * platform is judged by its image config; the chosen image's config must match as well.
   *
   * @param platform the platform, e.g. {@link OciPlatform#freebsd(String)}
   * @return the image
   * @throws OciPlatformException when no image matches, listing what the layout has
   * @throws OciException when a document on the way is broken or does not match its digest
   */
  public OciImage image(OciPlatform platform) {
    List<String> seen = new ArrayList<>();
    OciImage found = search(index.manifests(), platform, 0, seen);
    if (found == null) {
      throw new OciPlatformException("index.json", platform, seen);
    }
    return found;
  }

  private @Nullable OciImage search(
      List<OciDescriptor> list, OciPlatform wanted, int depth, List<String> seen) {
    for (OciDescriptor d : list) {
      String type = d.mediaType();
      if (type.equals(OciIndex.MEDIA_TYPE) || type.equals(OciIndex.DOCKER_MEDIA_TYPE)) {
        if (depth >= MAX_INDEX_DEPTH) {
          throw new OciException(
              d.digest().blobPath(), "image indexes nest deeper than " + MAX_INDEX_DEPTH);
        }
        OciImage inner = search(nestedIndex(d).manifests(), wanted, depth + 1, seen);
        if (inner != null) {
          return inner;
        }
      } else if (type.equals(OciManifest.MEDIA_TYPE)
          || type.equals(OciManifest.DOCKER_MEDIA_TYPE)) {
        OciPlatform listed = d.platform();
        if (listed != null && !wanted.matches(listed)) {
          seen.add(listed + " (" + d.digest() + ")");
          continue;
        }
        OciManifest m = manifest(d);
        OciImageConfig c = config(m.config());
        if (!wanted.matches(c.platform())) {
          seen.add(c.platform() + " (" + d.digest() + ")");
          continue;
        }
        return new OciImage(this, d, m, c);
      } else {
        seen.add(type + " (" + d.digest() + ")");
      }
    }
    return null;
  }

  // ---- writing --------------------------------------------------------------------------------

  /**
   * Stores a blob read from a stream (a registry download): written to a temporary file beside its
   * place, checked against the descriptor's size (reading stops one byte past it) and digest, and
   * renamed into {@code blobs/ALGORITHM/HEX} only when both match.
   *
   * @param expected the blob's descriptor
   * @param content the stream, read to its end or one byte past the size (not closed)
   * @return the blob's file
   * @throws OciBlobException when the content does not match (nothing is stored)
   * @throws OciException when the blob cannot be written
   */
  public Path writeBlob(OciDescriptor expected, InputStream content) {
    Path target = dir.resolve(expected.digest().blobPath());
    Path parent = Objects.requireNonNull(target.getParent());
    Path tmp = parent.resolve(".tmp-" + UUID.randomUUID());
    MessageDigest md = OciDigest.messageDigest(expected.digest().algorithm());
    boolean done = false;
    try {
      Files.createDirectories(parent);
      long size = 0;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buffer = new byte[1 << 16];
        int n;
        while (size <= expected.size()
            && (n =
                    content.read(
                        buffer, 0, (int) Math.min(buffer.length, expected.size() - size + 1)))
                > 0) {
          md.update(buffer, 0, n);
          out.write(buffer, 0, n);
          size += n;
        }
      }
      check(
          expected,
          size,
          new OciDigest(expected.digest().algorithm(), HexFormat.of().formatHex(md.digest())));
      move(tmp, target);
      done = true;
      return target;
    } catch (IOException e) {
      throw new OciException(expected.digest().blobPath(), "cannot write: " + e, e);
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a leftover temporary file is not a blob: readers never look at it
        }
      }
    }
  }

  /**
   * Stores a blob held in memory and returns its descriptor (sha256).
   *
   * @param mediaType the blob's media type
   * @param content the bytes
   * @return the descriptor
   */
  public OciDescriptor writeBlob(String mediaType, byte[] content) {
    OciDescriptor d = OciDescriptor.of(mediaType, OciDigest.sha256(content), content.length);
    writeBlob(d, new java.io.ByteArrayInputStream(content));
    return d;
  }

  /**
   * Names a manifest (or index) in {@code index.json}: added at the end, replacing the entry with
   * the same {@link OciDescriptor#REF_NAME} annotation (its tag), or, for a descriptor without one,
   * an entry without one of the same digest; entries of other tags stay, whatever their digest. The
   * blob must be in the layout already. {@code index.json} is replaced atomically.
   *
   * @param manifest the descriptor to list, with its platform and ref name annotation when wanted
   * @return the layout as it is now
   * @throws OciBlobException when the blob is not in the layout or does not match
   */
  public OciImageLayout withManifest(OciDescriptor manifest) {
    readBlob(manifest);
    String ref = manifest.annotations().get(OciDescriptor.REF_NAME);
    List<OciDescriptor> list = new ArrayList<>();
    for (OciDescriptor d : index.manifests()) {
      String other = d.annotations().get(OciDescriptor.REF_NAME);
      boolean same =
          ref != null ? ref.equals(other) : other == null && d.digest().equals(manifest.digest());
      if (!same) {
        list.add(d);
      }
    }
    list.add(manifest);
    OciIndex next = new OciIndex(list, index.annotations());
    try {
      writeAtomically(dir.resolve("index.json"), next.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OciException("index.json", "cannot write: " + e, e);
    }
    return new OciImageLayout(dir, next, schemas);
  }

  private static void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = Objects.requireNonNull(target.getParent()).resolve(".tmp-" + UUID.randomUUID());
    try {
      Files.write(tmp, content);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static String readText(Path dir, String name) {
    Path file = dir.resolve(name);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(Json.MAX_BYTES + 1);
      if (bytes.length > Json.MAX_BYTES) {
        throw Json.tooBig(bytes.length);
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new OciException(name, "missing: " + dir + " is not an OCI image layout");
    } catch (IOException e) {
      throw new OciException(name, "cannot read " + file + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "OciImageLayout[" + dir + ", " + index.manifests().size() + " manifests]";
  }
}
