package org.jail4j.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jail4j.Jail;
import org.jail4j.JailException;
import org.jail4j.conf.ConfJail;
import org.jail4j.conf.JailConf;
import org.junit.jupiter.api.Test;

/**
 * The corpus's real jail.conf files: every jail that converts to a {@link Jail} and has a path
 * survives {@code Jail -> config.json -> Jail}, and its config is valid against the schema.
 */
class OciCorpusConformance {

  @Test
  void corpusJailsSurviveTheTripThroughConfigJson() throws IOException {
    Path corpus = OciReference.corpus();
    OciSchema schema = OciSchema.runtimeConfig(OciReference.runtimeSchemas());
    List<Path> files;
    try (Stream<Path> s = Files.walk(corpus)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
    }
    int jails = 0;
    int tripped = 0;
    List<String> refused = new ArrayList<>();
    for (Path f : files) {
      JailConf conf;
      try {
        conf = JailConf.read(f);
      } catch (JailException e) {
        continue; // a file jail(8) refuses too
      }
      for (ConfJail cj : conf.jails()) {
        Jail j;
        try {
          j = cj.toJail();
        } catch (JailException e) {
          continue;
        }
        if (j.path().isEmpty()) {
          continue; // OCI needs root.path
        }
        jails++;
        String json;
        try {
          json = OciConfig.fromJail(j).toJson();
        } catch (OciException e) {
          refused.add(f.getFileName() + " " + cj.name() + ": " + e.getMessage());
          continue;
        }
        assertThat(OciConfig.parse(json).jail()).as(f + " " + cj.name()).isEqualTo(j);
        assertThat(schema.problems(json)).as(json).isEmpty();
        tripped++;
      }
    }
    System.err.println(
        "[jail4j] OCI corpus: " + tripped + " of " + jails + " jails with a path round-trip");
    assertThat(refused).as("refused").isEmpty();
    assertThat(tripped).isEqualTo(jails).isGreaterThanOrEqualTo(MIN_TRIPPED);
  }

  /** How many corpus jails round-trip today; fewer means a regression. */
  private static final int MIN_TRIPPED = 65;
}
