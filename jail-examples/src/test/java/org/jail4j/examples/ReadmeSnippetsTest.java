package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.HostCapabilities;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfDocument;
import org.jail4j.conf.JailConfException;
import org.jail4j.conf.JailConfWriter;
import org.jail4j.jls.JailListing;
import org.jail4j.oci.OciBundle;
import org.jail4j.oci.OciConfig;
import org.jail4j.oci.OciImage;
import org.jail4j.oci.OciImageLayout;
import org.jail4j.oci.OciImageRoot;
import org.jail4j.oci.OciPlatform;
import org.jail4j.oci.registry.PulledImage;
import org.jail4j.oci.registry.RegistryClient;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailSys;
import org.jail4j.rc.Preflight;
import org.jail4j.rc.PreflightWarning;
import org.jail4j.rc.RcConf;
import org.jail4j.root.DistributionSetWriter;
import org.jail4j.root.Manifest;
import org.jail4j.root.ManifestEntry;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java examples of README.md (DocSnippetsTest checks the text). */
class ReadmeSnippetsTest {
  @TempDir Path tmp;

  @Test
  void quickStart() {
    Snippets.assumeFreeBsdRoot();
    // snippet readme-quick-start spotless:off
    RunningJail web = Jail.builder().name("web").path("/jail/web").hostname("web")
        .ip4("192.168.1.4").addExecStart("/bin/sh /etc/rc").start();
    // end snippet spotless:on
    web.stop();
  }

  @Test
  void ociBundle() {
    Snippets.assumeExists(Path.of("/images/freebsd-base"), "an OCI image layout");
    // snippet readme-oci-bundle spotless:off
    OciImage image = OciImageLayout.open(Path.of("/images/freebsd-base")).image(OciPlatform.freebsd("amd64"));
    Path dir = Path.of("/var/bundles/web");
    RootReport r = OciImageRoot.into(OciBundle.rootfs(dir)).image(image).populate();
    OciBundle.write(Jail.builder().name("web").hostname("web").mountDevfs(true)
        .addCommand("/usr/local/sbin/nginx").build(), r.root(), dir);
    // end snippet spotless:on
  }

  @Test
  void jailValues() {
    // snippet readme-jail-values spotless:off
    Jail web = Jail.builder()
        .name("web").path("/jail/web").hostname("web.example.org")
        .ip4("em0|192.168.1.4/24")                       // alias added on em0 by the lifecycle
        .param(JailParam.SECURELEVEL, 3)
        .param(JailParam.ALLOW_RAW_SOCKETS, true)         // sent as allow.raw_sockets / allow.noraw_sockets
        .param(JailParam.SYSVSHM, JailSys.NEW)
        .persist(true)
        .build();                                         // every rule checked; all problems in one exception
    Jail www = web.withHostname("www.example.org");
    // end snippet spotless:on
    assertThat(www.hostname()).hasValue("www.example.org");
    assertThat(www.name()).isEqualTo(web.name());
  }

  @Test
  void ociConfigAndRegistry() {
    Snippets.assumeExists(Path.of("/var/run/c1"), "an OCI bundle");
    Snippets.assumeExists(Path.of("runtime-spec/schema"), "the runtime-spec schemas");
    // snippet readme-oci-config spotless:off
    Jail web = Jail.builder().name("web").path("/jail/web").ip4("192.0.2.10").mountDevfs(true).build();
    String json = OciConfig.fromJail(web).toJson();         // config.json, FreeBSD platform
    Jail back = OciConfig.parse(json).jail();                // equals web
    OciConfig c1 = OciConfig.read(Path.of("/var/run/c1"), "c1"); // a bundle, named by its id
    OciConfig.validate(json, Path.of("runtime-spec/schema")); // against the spec's schemas

    RegistryClient registry = RegistryClient.builder(URI.create("https://registry.example.org")).build();
    PulledImage image = registry.pull("freebsd/base", "14.3", Path.of("/var/cache/oci/base"));
    // an OCI image layout: oci-layout, index.json, blobs/sha256/... (resumable, digest-checked)
    // end snippet spotless:on
    assertThat(back).isEqualTo(web);
    assertThat(c1).isNotNull();
    assertThat(image).isNotNull();
  }

  /** Compiled with the others; run by {@link #hostAndRunningJail()} on FreeBSD. */
  static void hostAndRunningJail(Jail jail) {
    // snippet readme-host spotless:off
    JailHost host = JailHost.local();
    try (RunningJail web = host.start(jail)) {                 // aliases, mounts, hooks, jail_set, exec.start
      CommandResult r = web.run(Duration.ofSeconds(10), "/bin/hostname");   // as jexec does
      System.out.print(r.stdout());
      System.out.print(JailListing.of(host.list()).render("-v"));         // as jls -v prints
      web.update(JailParam.SECURELEVEL, 3);
    }                                                          // exec.stop, SIGTERM, jail_remove, unmount, aliases
    RunningJail classic = host.start(Jail.classic("/jail/web", "WEB", "192.168.1.4", "/etc/rc"));
    // end snippet spotless:on
    classic.stop();
  }

  @Test
  void hostAndRunningJail() {
    Snippets.assumeFreeBsdRoot();
    hostAndRunningJail(Jail.builder().name("readme").path("/").persist(true).build());
  }

  @Test
  void jailConf() throws Exception {
    Path file = tmp.resolve("jail.conf");
    Files.writeString(
        file,
        "path = \"/jails/$name\";\nweb {\n  host.hostname = web.example.org;\n"
            + "  ip4.addr = 192.0.2.10;\n  persist;\n}\n");
    // snippet readme-jail-conf spotless:off
    JailConf conf = JailConf.read(file);          // e.g. Path.of("/etc/jail.conf")
    System.out.print(conf.exhibit("|"));          // what `jail -f FILE -e '|'` prints on stdout,
    System.err.print(conf.exhibitProblems());     // and on stderr: jail: web: x: variable "nosuch" not found
    List<JailConfException.Problem> problems = conf.problems(); // the same as values: jail, file, line
    List<Jail> jails = conf.toJails();            // JailConfException lists every problem, FILE line N:
    String text = JailConfWriter.write(jails);    // reads back to equal values

    JailConfDocument doc = JailConfDocument.read(file); // every byte kept
    doc.set("web", "ip4.addr", "192.0.2.20");     // only that statement's line changes
    doc.write(file);                              // comments, variables, includes as they were
    // end snippet spotless:on
    assertThat(problems).isEmpty();
    assertThat(JailConf.parse(text).toJails()).isEqualTo(jails);
    assertThat(Files.readString(file)).contains("ip4.addr = 192.0.2.20;");
  }

  @Test
  void rcConf() throws Exception {
    Path root = tmp;
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "sendmail_enable=\"YES\"\n");
    Jail jail = Jail.builder().name("web").path("/jail/web").build();
    // snippet readme-rc-conf spotless:off
    RcConf rc = RcConf.readFrom(root);           // ROOT/etc/rc.conf; links below the root refused
    rc.enable("sshd").disable("sendmail").hostname("web.example.org").set("syslogd_flags", "-ss");
    boolean ssh = rc.checkYesNo("sshd_enable").isYes();
    rc.writeInto(root);                          // atomic replace, links below the root refused
    List<PreflightWarning> w = Preflight.check(jail, rc);
    // openvpn_enable=YES needs a tun device: use vnet=new and a devfs ruleset that exposes tun
    // end snippet spotless:on
    assertThat(ssh).isTrue();
    assertThat(w).isEmpty();
    assertThat(Files.readString(root.resolve("etc/rc.conf"))).contains("sshd_enable=\"YES\"");
  }

  @Test
  void rootFromASet() throws Exception {
    Snippets.assumeExists(Path.of("/etc/resolv.conf"), "the host's resolv.conf");
    Snippets.assumeExists(Path.of("/usr/share/zoneinfo/UTC"), "the host's time zone files");
    Path dist = Files.createDirectories(tmp.resolve("dist"));
    Path root = tmp.resolve("web");
    ManifestEntry base =
        DistributionSetWriter.create("base")
            .directory("./", 0755)
            .directory("./etc", 0755)
            .directory("./var", 0755)
            .directory("./var/db", 0755)
            .directory("./usr", 0755)
            .directory("./usr/share", 0755)
            .directory("./usr/share/zoneinfo", 0755)
            .file(
                "./usr/share/zoneinfo/UTC",
                Files.readAllBytes(Path.of("/usr/share/zoneinfo/UTC")),
                0444)
            .writeTo(dist.resolve("base.txz"));
    Files.writeString(dist.resolve("MANIFEST"), base.toLine() + "\n");
    // snippet readme-root spotless:off
    RootReport r = RootBuilder.into(root)
        .set("base", dist.resolve("base.txz")).manifest(Manifest.read(dist.resolve("MANIFEST")))
        .progress(p -> System.out.printf("\r%3.0f%%", 100 * p.fraction()))
        .populate();                                       // sha256 checked before anything is written
    r.root().firstStart().resolvConf(Path.of("/etc/resolv.conf"))
        .rcConf(RcConf.empty().hostname("web").enable("sshd")).timeZone("UTC").apply();
    // end snippet spotless:on
    assertThat(root.resolve("etc/rc.conf")).content().contains("sshd_enable=\"YES\"");
  }

  @Test
  void capabilities() {
    Snippets.assumeFreeBsdRoot();
    // snippet readme-capabilities spotless:off
    JailHost host = JailHost.local();                       // FreeBsdJailProvider on FreeBSD
    HostCapabilities caps = host.capabilities();            // 14.3-RELEASE, vimage, racct, modules
    caps.whyNoVnet().ifPresent(System.err::println);
    // end snippet spotless:on
  }
}
