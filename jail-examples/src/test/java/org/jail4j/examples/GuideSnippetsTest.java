package org.jail4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jail4j.CommandResult;
import org.jail4j.Errno;
import org.jail4j.FreeBsdVersion;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.conf.ConfJail;
import org.jail4j.conf.JailConf;
import org.jail4j.conf.JailConfDialect;
import org.jail4j.conf.JailConfWriter;
import org.jail4j.jls.JailListing;
import org.jail4j.oci.OciConfig;
import org.jail4j.oci.OciDescriptor;
import org.jail4j.oci.OciImage;
import org.jail4j.oci.OciImageLayout;
import org.jail4j.oci.OciImageRoot;
import org.jail4j.oci.OciLayerType;
import org.jail4j.oci.OciManifest;
import org.jail4j.oci.OciPlatform;
import org.jail4j.oci.registry.PulledImage;
import org.jail4j.oci.registry.RegistryClient;
import org.jail4j.oci.registry.RegistryManifest;
import org.jail4j.param.JailParam;
import org.jail4j.param.JailRequest;
import org.jail4j.param.JailSys;
import org.jail4j.param.JailValues;
import org.jail4j.rc.Preflight;
import org.jail4j.rc.PreflightWarning;
import org.jail4j.rc.RcConf;
import org.jail4j.rc.RcConfFiles;
import org.jail4j.rc.RcEdit;
import org.jail4j.root.DistributionSetWriter;
import org.jail4j.root.DistributionSets;
import org.jail4j.root.JailRoot;
import org.jail4j.root.ManifestEntry;
import org.jail4j.root.RootBuilder;
import org.jail4j.root.RootReport;
import org.jail4j.root.SetMirror;
import org.jail4j.root.ThinRoot;
import org.jail4j.spi.CommandSpec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.PathCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java examples of docs/*.md (DocSnippetsTest checks the text). */
class GuideSnippetsTest {
  @TempDir Path tmp;

  @Test
  void fakeKernel() throws Exception {
    // snippet fake-kernel spotless:off
    FakeJailKernel kernel = FakeJailKernel.builder()
        .version(FreeBsdVersion.V15)          // V13, V14 (default), V15
        .modules("zfs", "linux", "sysvmsg")   // which dynamic parameters exist
        .vimage(true).racct(true)
        .paths(PathCheck.anyDirectory())      // default: the real file system
        .build();
    int jid = JailRequest.create().put(JailParam.NAME, "web").put(JailParam.PERSIST, true)
        .set(kernel, JailFlags.CREATE);
    JailKernel inside = kernel.asProcessIn(jid);   // a root process attached to jail jid
    JailKernel user = kernel.asUnprivileged();     // a non-root host process
    int pid = kernel.spawn(jid); kernel.exit(pid); // fake processes
    kernel.failNext("jail_set", Errno.ENOMEM);     // fault injection
    kernel.checkInvariants();
    // end snippet spotless:on
    assertThat(inside).isNotSameAs(user);
  }

  @Test
  void freebsdHost() throws Exception {
    Snippets.assumeFreeBsdRoot();
    // snippet freebsd-host spotless:off
    JailHost host = JailHost.local();                // FreeBsdJailProvider on FreeBSD
    int jid = JailRequest.create()
        .put(JailParam.NAME, "web").put(JailParam.PATH, "/").put(JailParam.PERSIST, true)
        .set(host.kernel(), JailFlags.CREATE);
    Process p = host.hostSystem().startInJail(jid, CommandSpec.of("/bin/echo", "hello"));
    // end snippet spotless:on
    p.destroy();
    host.find("web").orElseThrow().stop();
  }

  @Test
  void jailConf() throws Exception {
    Path dir = tmp;
    Path file = tmp.resolve("jail.conf");
    Files.writeString(file, "web {\n  path = /jails/web;\n  ip4.addr = 192.0.2.10;\n}\n");
    // snippet jailconf-read spotless:off
    JailConf conf = JailConf.read(file);                            // e.g. Path.of("/etc/jail.conf")
    for (ConfJail j : conf.jails()) {                               // every non-wildcard jail, file order
      System.out.println(j.exhibit("|"));                           // what `jail -e '|'` prints on stdout
      System.err.print(j.exhibitProblems());                        // and on stderr, as jail(8) words it
      j.values("ip4.addr");                                         // Optional<List<String>>
    }
    List<Jail> jails = conf.toJails();                              // typed; JailConfException lists every problem

    String text = JailConfWriter.write(jails);                      // clean jail.conf; parses back to equal values

    JailConf legacy = JailConf.parser()
        .dialect(JailConfDialect.LEGACY)                            // older jail(8), see "Dialects"
        .allowIncludes(false)                                       // untrusted text: never read files
        .baseDirectory(dir)                                         // where relative names resolve
        .parse(text, "jail.conf");                                  // the name used in messages
    // end snippet spotless:on
    assertThat(legacy.toJails()).isEqualTo(jails);
  }

  @Test
  void lifecycle() {
    Snippets.assumeFreeBsdRoot();
    // snippet lifecycle-start spotless:off
    JailHost host = JailHost.local();                       // or JailHost.using(new FakeJailProvider())
    RunningJail web = Jail.builder()
        .name("web").path("/jail/web").hostname("web.example.org")
        .iface("em0").ip4("192.168.1.4/24")
        .mountDevfs(true)
        .addExecStart("/bin/sh /etc/rc").addExecStop("/bin/sh /etc/rc.shutdown")
        .persist(true)
        .start(host);                                        // JailBuilder.start() uses JailHost.local()
    CommandResult r = web.run(Duration.ofSeconds(10), "/bin/hostname");
    System.out.print(JailListing.of(host.list()).render("-v"));
    web.stop();
    // end snippet spotless:on
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void ociConfig() {
    Snippets.assumeExists(Path.of("/var/run/c1"), "an OCI bundle");
    Snippets.assumeExists(Path.of("runtime-spec/schema"), "the runtime-spec schemas");
    // snippet oci-config spotless:off
    Jail web = Jail.builder().name("web").path("/jail/web").hostname("web.example.org")
        .ip4("192.0.2.10").mountDevfs(true).param(JailParam.DEVFS_RULESET, 4)
        .addCommand("/usr/local/sbin/nginx").build();
    String json = OciConfig.fromJail(web).toJson();          // valid against config-schema.json
    Jail back = OciConfig.parse(json).jail();                 // equals web
    OciConfig bundle = OciConfig.read(Path.of("/var/run/c1"), "c1"); // a bundle's config.json
    OciConfig.validate(json, Path.of("runtime-spec/schema"));  // the spec's schema folder
    // end snippet spotless:on
    assertThat(back).isEqualTo(web);
    assertThat(bundle).isNotNull();
  }

  /** Compiled with the others; it needs a registry at registry.example.org to run. */
  static void registry(String token, Path layout, byte[] bytes, byte[] manifestJson) {
    // snippet oci-registry spotless:off
    RegistryClient client = RegistryClient.builder(URI.create("https://registry.example.org"))
        .credentials("ci", token)                       // optional: Basic, and sent to the token realm
        .cache(Path.of("/var/cache/jail4j/blobs"))      // optional: shared by every layout
        .build();
    PulledImage p = client.pull("freebsd/base", "14.3", Path.of("/var/oci/base"));   // by tag
    client.pull("freebsd/base", "sha256:0f3c...", layout,                               // by digest,
        pl -> pl.os().equals("freebsd") && pl.architecture().equals("arm64"));          // one platform
    RegistryManifest m = client.manifest("freebsd/base", "14.3");   // m.isIndex(), m.manifests()
    OciDescriptor layer = client.pushBlob("test/app", OciLayerType.TAR_GZIP.mediaType(), bytes);
    client.pushManifest("test/app", "v1", OciManifest.MEDIA_TYPE, manifestJson);
    // end snippet spotless:on
    assertThat(List.of(p, m, layer)).doesNotContainNull();
  }

  @Test
  void ociImageRoot() {
    Snippets.assumeExists(Path.of("/images/freebsd-base"), "an OCI image layout");
    Snippets.assumeExists(Path.of("image-spec/schema"), "the image-spec schemas");
    // snippet oci-image-root spotless:off
    OciImageLayout layout = OciImageLayout.open(Path.of("/images/freebsd-base"))
        .validatingWith(Path.of("image-spec/schema"));        // optional
    OciImage image = layout.image(OciPlatform.freebsd("amd64"));
    RootReport r = OciImageRoot.into(Path.of("/jail/web")).image(image)
        .progress(p -> System.out.printf("\r%s %3.0f%%", p.set(), 100 * p.fraction()))
        .populate();                                           // r.root() is a FULL JailRoot
    // end snippet spotless:on
    assertThat(r.root()).isNotNull();
  }

  @Test
  void parameters() {
    // snippet parameters-builder spotless:off
    Jail web = Jail.builder().name("web").path("/jail/web")
        .param(JailParam.SECURELEVEL, 3)
        .param(JailParam.ALLOW_RAW_SOCKETS, true)
        .param(JailParam.SYSVSHM, JailSys.NEW)
        .param(JailParam.EXEC_TIMEOUT, 60)        // a jail(8) pseudo-parameter, in seconds
        .build();

    JailParam<String> p9 = JailParam.named("allow.mount.p9fs"); // typed at run time by the kernel
    // end snippet spotless:on
    assertThat(web.name()).hasValue("web");
    assertThat(p9.name()).isEqualTo("allow.mount.p9fs");
  }

  @Test
  void parameterRequests() {
    JailKernel kernel = FakeJailKernel.create();
    // snippet parameters-requests spotless:off
    int jid = JailRequest.create()
        .put(JailParam.NAME, "web").put(JailParam.PERSIST, true)
        .set(kernel, JailFlags.CREATE);
    JailValues v = JailRequest.create()
        .put(JailParam.NAME, "web").want(JailParam.HOST_HOSTNAME).want(JailParam.IP4_ADDR)
        .get(kernel, 0);
    v.jid(); v.get(JailParam.IP4_ADDR); v.names(); v.asText();
    // end snippet spotless:on
    assertThat(v.jid()).isEqualTo(jid);
  }

  @Test
  void rcConf() throws Exception {
    Path root = tmp;
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/rc.conf"), "ifconfig_em0_alias0=\"inet 192.0.2.9/32\"\n");
    Jail jail = Jail.builder().name("web").path("/jail/web").build();
    // snippet rcconf-edit spotless:off
    RcConf rc = RcConf.readFrom(root);                 // ROOT/etc/rc.conf, links refused
    rc.enable("sshd").disable("sendmail").hostname("web.example.org");
    rc.set("syslogd_flags", "-ss");
    rc.addAlias("em0", "inet 192.0.2.10/32");          // ifconfig_em0_alias1 when alias0 exists
    boolean ssh = rc.checkYesNo("sshd_enable").isYes();
    rc.writeInto(root);                                 // atomic replace, links refused

    for (PreflightWarning w : Preflight.check(jail, rc)) {
      System.err.println(w);
      // openvpn_enable=YES needs a tun device: use vnet=new and a devfs ruleset that exposes tun
    }
    // end snippet spotless:on
    assertThat(ssh).isTrue();
    assertThat(Files.readString(root.resolve("etc/rc.conf")))
        .contains("ifconfig_em0_alias1=\"inet 192.0.2.10/32\"");
  }

  @Test
  void rcConfFiles() throws Exception {
    Path file = tmp.resolve("rc.conf");
    Path defaults = tmp.resolve("defaults");
    Files.writeString(
        defaults,
        "sshd_enable=\"NO\"\t# Enable sshd\nntpd_enable=\"NO\"\ncloned_interfaces=\"\"\n"
            + "kld_list=\"vmm\"\ncron_flags=\"\"\nhostname=\"\"\n"
            + "rc_conf_files=\""
            + file
            + "\"\n");
    Files.writeString(file, "hostname=\"web\"\n");
    // snippet rcconf-files spotless:off
    RcConfFiles rc = RcConfFiles.read(defaults);            // e.g. RcConfFiles.DEFAULTS, then rc_conf_files
    RcConfFiles f = RcConfFiles.read(null, List.of(file));  // sysrc -f FILE

    rc.get("sshd_enable");                                  // sysrc sshd_enable: Optional[YES]
    rc.apply(RcEdit.parse("sshd_enable=YES"));              // sysrc sshd_enable=YES
    rc.apply(RcEdit.parse("cloned_interfaces+=lo1"));       // sysrc cloned_interfaces+=lo1
    rc.apply(RcEdit.parse("kld_list-=vmm"));                // sysrc kld_list-=vmm
    rc.check(RcEdit.parse("sshd_enable=YES"));              // sysrc -c: true = set, nothing to change
    rc.remove("ntpd_enable");                               // sysrc -x ntpd_enable (every file)
    rc.fileOf("hostname");                                  // sysrc -F: Optional[/etc/rc.conf]
    rc.describe("sshd_enable");                             // sysrc -d: Optional[Enable sshd]
    rc.values();                                            // sysrc -A: every variable, by name
    rc.nonDefaultValues();                                  // sysrc -a: those the files set
    rc.setRaw("cron_flags", "\"${cron_flags} -J 15\"");     // sysrc's unescaped, expanding write
    rc.write();                                             // each changed file, atomically
    // end snippet spotless:on
    assertThat(f.get("hostname")).hasValue("web");
    assertThat(Files.readString(file)).contains("sshd_enable=\"YES\"");
  }

  /** Compiled with the others; it downloads from download.freebsd.org to run. */
  static void mirror() {
    // snippet roots-mirror spotless:off
    DistributionSets sets = new SetMirror(URI.create("https://download.freebsd.org/releases/"),
            Path.of("/var/cache/jail4j"))
        .fetch("14.3-RELEASE", "amd64", "base", "lib32");
    RootReport report = RootBuilder.into(Path.of("/jails/web"))
        .sets(sets, "base", "lib32")
        .progress(p -> System.out.printf("\r%-6s %3.0f%% %,d files", p.set(), 100 * p.fraction(), p.entries()))
        .populate();
    Jail web = report.root().applyTo(Jail.builder().name("web").persist(true).build());
    // end snippet spotless:on
    assertThat(web.path()).isPresent();
  }

  @Test
  void setWriter() throws Exception {
    Path dist = tmp;
    // snippet roots-set-writer spotless:off
    ManifestEntry base = DistributionSetWriter.create("base")
        .directory("./", 0755)                             // every entry takes its mode
        .directory("./etc", 0755)
        .file("./etc/motd", "Welcome\n", 0644)
        .symlink("./home", "usr/home")
        .writeTo(dist.resolve("base.txz"));                // the set's MANIFEST entry, not a line
    Files.writeString(dist.resolve("MANIFEST"), base.toLine() + "\n"); // its line, as in a release
    // end snippet spotless:on
    assertThat(base.entries()).isEqualTo(4);
    RootReport r =
        RootBuilder.into(tmp.resolve("root"))
            .sets(DistributionSets.inDirectory(dist), "base")
            .populate();
    assertThat(r.root().path().resolve("etc/motd")).hasContent("Welcome");
  }

  @Test
  void thinRoot() {
    Snippets.assumeExists(Path.of("/jails/base/14.3"), "a base tree for thin roots");
    // snippet roots-thin spotless:off
    JailRoot web = ThinRoot.from(Path.of("/jails/base/14.3")).create(Path.of("/jails/web"));
    Jail jail = web.applyTo(Jail.builder().name("web").persist(true).build());
    // end snippet spotless:on
    assertThat(jail.path()).isPresent();
  }

  @Test
  void firstStart() throws Exception {
    Snippets.assumeExists(Path.of("/etc/resolv.conf"), "the host's resolv.conf");
    Snippets.assumeExists(
        Path.of("/usr/share/zoneinfo/Europe/Berlin"), "the host's time zone files");
    Files.createDirectories(tmp.resolve("etc"));
    Files.createDirectories(tmp.resolve("var/db"));
    // the time zone comes from the root's own zoneinfo, as tzsetup does
    Path zone = Files.createDirectories(tmp.resolve("usr/share/zoneinfo/Europe"));
    Files.copy(Path.of("/usr/share/zoneinfo/Europe/Berlin"), zone.resolve("Berlin"));
    JailRoot root = JailRoot.full(tmp);
    // snippet roots-first-start spotless:off
    root.firstStart()
        .resolvConf(Path.of("/etc/resolv.conf"))           // the host's, copied
        .rcConf(RcConf.parse("").hostname("web").enable("sshd")) // /etc/rc.conf (or a String)
        .timeZone("Europe/Berlin")                          // /etc/localtime + /var/db/zoneinfo
        .fstab(List.of())                                   // /etc/fstab (header only)
        .apply();
    // end snippet spotless:on
    assertThat(tmp.resolve("etc/rc.conf")).content().contains("hostname=\"web\"");
  }

  @Test
  void plainFakes() {
    // snippet testkit-plain-fakes spotless:off
    FakeJailKernel kernel = FakeJailKernel.builder().paths(PathCheck.anyDirectory()).build();
    FakeHostSystem fake = new FakeHostSystem(kernel, PathCheck.anyDirectory());
    JailHost host = JailHost.using(new FakeJailProvider(kernel, fake));
    // end snippet spotless:on
    assertThat(host.list()).isEmpty();
  }

  @Test
  void scriptedCommands() {
    FakeHostSystem fake = new FakeHostSystem(FakeJailKernel.create());
    // snippet testkit-commands spotless:off
    fake.onCommand("make", CommandResult.exit(0).stdout("built\n").duration(Duration.ofMillis(50)));
    fake.onCommand(spec -> spec.argv().contains("-j"), CommandResult.exit(2).stderr("no jobs\n"));
    fake.onCommand(FakeHostSystem.programIs("hostname"), cmd -> CommandResult.exit(0).stdout("jail " + cmd.jid()));
    // end snippet spotless:on
  }

  @Test
  void faults() {
    FakeJailKernel kernel = FakeJailKernel.create();
    FakeHostSystem fake = new FakeHostSystem(kernel);
    // snippet testkit-faults spotless:off
    fake.failNextMount(Errno.EBUSY);                                     // JailStartException, errno EBUSY
    fake.failNextMount(m -> m.fsType().equals("procfs"), Errno.ENOENT);
    fake.failNextUnmount(Errno.EBUSY);
    fake.failNextAlias(Errno.EADDRINUSE);                                // add or remove
    fake.failNextInterface(args -> args.contains("vnet"), Errno.EEXIST); // create, destroy, ifconfig
    fake.failNextCommand("zfs", 1);                                      // exit code 1, no output
    kernel.failNext("jail_set", Errno.EAGAIN);                           // the kernel's own faults
    // end snippet spotless:on
  }
}
