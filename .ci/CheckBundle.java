import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a Maven Central upload bundle made by {@code ./mvnw -B -Prelease deploy}:
 *
 * <ul>
 *   <li>every published module is in it, and the examples and benchmarks are not;
 *   <li>each POM has name, description, url, a license, scm (connection and url) and developers;
 *   <li>each jar module has its sources and javadoc jars;
 *   <li>every artifact has its checksums, and a {@code .asc} signature unless run with
 *       {@code --unsigned} (the bundle of a {@code -Dgpg.skip} run);
 *   <li>no version, own or of a dependency, is a SNAPSHOT.
 * </ul>
 *
 * <pre>{@code
 * java .ci/CheckBundle.java [--unsigned] [jail-bom/target/central-publishing/central-bundle.zip]
 * }</pre>
 *
 * Exit status 0 when every rule holds; 1 with one line per broken rule otherwise.
 */
public class CheckBundle {

  /** The artifacts a release publishes: jars, and the two POM-only ones. */
  static final List<String> JARS =
      List.of("jail-api", "jail-root", "jail-oci", "jail-testkit", "jail-native-freebsd");

  static final List<String> POMS = List.of("jail4j-parent", "jail-bom");
  static final List<String> NEVER = List.of("jail-examples", "jail-benchmarks");

  public static void main(String[] args) throws Exception {
    boolean unsigned = false;
    // the plugin writes the bundle under the reactor's first project, jail-bom
    Path bundle = Path.of("jail-bom/target/central-publishing/central-bundle.zip");
    for (String a : args) {
      if (a.equals("--unsigned")) {
        unsigned = true;
      } else {
        bundle = Path.of(a);
      }
    }
    if (!Files.isRegularFile(bundle)) {
      System.err.println(
          bundle + ": no bundle; make one with ./mvnw -B -Prelease -Dgpg.skip deploy");
      System.exit(1);
    }
    List<String> problems = check(bundle, unsigned);
    if (problems.isEmpty()) {
      System.out.println(bundle + ": every rule holds");
    } else {
      for (String p : problems) {
        System.err.println(bundle + ": " + p);
      }
      System.exit(1);
    }
  }

  static List<String> check(Path bundle, boolean unsigned) throws Exception {
    List<String> problems = new ArrayList<>();
    Map<String, TreeSet<String>> filesByArtifact = new TreeMap<>();
    Map<String, Element> poms = new TreeMap<>();
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.isDirectory()) {
          continue;
        }
        // org/jail4j/<artifact>/<version>/<file>
        String[] parts = e.getName().split("/");
        if (parts.length < 4) {
          problems.add(e.getName() + ": not in groupId/artifactId/version/ layout");
          continue;
        }
        String artifact = parts[parts.length - 3];
        String version = parts[parts.length - 2];
        String file = parts[parts.length - 1];
        if (version.endsWith("-SNAPSHOT")) {
          problems.add(e.getName() + ": a SNAPSHOT version");
        }
        filesByArtifact.computeIfAbsent(artifact, k -> new TreeSet<>()).add(file);
        if (file.endsWith(".pom")) {
          try (InputStream in = zip.getInputStream(e)) {
            poms.put(artifact, parse(in));
          }
        }
      }
    }
    for (Map.Entry<String, Element> pom : poms.entrySet()) {
      checkPom(pom.getKey(), pom.getValue(), poms, problems);
    }
    for (String never : NEVER) {
      if (filesByArtifact.containsKey(never)) {
        problems.add(never + ": published, but it is not a library");
      }
    }
    List<String> expected = new ArrayList<>(JARS);
    expected.addAll(POMS);
    for (String artifact : expected) {
      TreeSet<String> files = filesByArtifact.get(artifact);
      if (files == null) {
        // a module the reactor does not have yet is not an error; one it has is checked below
        if (Files.isDirectory(Path.of(artifact)) || artifact.equals("jail4j-parent")) {
          problems.add(artifact + ": missing from the bundle");
        }
        continue;
      }
      List<String> wanted = new ArrayList<>();
      String version = null;
      for (String f : files) {
        if (f.endsWith(".pom")) {
          version = f.substring(artifact.length() + 1, f.length() - ".pom".length());
        }
      }
      if (version == null) {
        problems.add(artifact + ": no POM");
        continue;
      }
      String base = artifact + "-" + version;
      wanted.add(base + ".pom");
      if (JARS.contains(artifact)) {
        wanted.add(base + ".jar");
        wanted.add(base + "-sources.jar");
        wanted.add(base + "-javadoc.jar");
      }
      for (String w : wanted) {
        if (!files.contains(w)) {
          problems.add(artifact + ": " + w + " missing");
          continue;
        }
        for (String sum : List.of(".md5", ".sha1")) {
          if (!files.contains(w + sum)) {
            problems.add(artifact + ": " + w + sum + " missing");
          }
        }
        if (!unsigned && !files.contains(w + ".asc")) {
          problems.add(artifact + ": " + w + ".asc missing (signing was off?)");
        }
      }
    }
    return problems;
  }

  static Element parse(InputStream in) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(in).getDocumentElement();
  }

  /**
   * The element {@code name} of a POM, or of its parent when the POM inherits it (the parent,
   * jail4j-parent, is published in the same bundle by design).
   */
  static Element inherited(Element project, String name, Map<String, Element> poms) {
    for (int hops = 0; project != null && hops < 10; hops++) {
      Element e = child(project, name);
      if (e != null) {
        return e;
      }
      Element parent = child(project, "parent");
      project = parent == null ? null : poms.get(text(parent, "artifactId"));
    }
    return null;
  }

  static void checkPom(
      String artifact, Element project, Map<String, Element> poms, List<String> problems) {
    for (String field : List.of("name", "description", "url")) {
      Element e = inherited(project, field, poms);
      if (e == null || e.getTextContent().isBlank()) {
        problems.add(artifact + ": POM (and its parent) has no <" + field + ">");
      }
    }
    Element parent = child(project, "parent");
    if (parent != null && !poms.containsKey(text(parent, "artifactId"))) {
      problems.add(artifact + ": its parent " + text(parent, "artifactId") + " is not published");
    }
    Element licenses = inherited(project, "licenses", poms);
    if (licenses == null || child(licenses, "license") == null) {
      problems.add(artifact + ": POM (and its parent) has no <licenses><license>");
    }
    Element developers = inherited(project, "developers", poms);
    if (developers == null || child(developers, "developer") == null) {
      problems.add(artifact + ": POM (and its parent) has no <developers><developer>");
    }
    Element scm = inherited(project, "scm", poms);
    if (scm == null || text(scm, "connection").isBlank() || text(scm, "url").isBlank()) {
      problems.add(artifact + ": POM (and its parent) has no <scm> with <connection> and <url>");
    }
    NodeList versions = project.getElementsByTagName("version");
    for (int i = 0; i < versions.getLength(); i++) {
      String v = versions.item(i).getTextContent().trim();
      if (v.endsWith("-SNAPSHOT")) {
        problems.add(artifact + ": POM names a SNAPSHOT version " + v);
      }
    }
  }

  static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? "" : e.getTextContent().trim();
  }
}
