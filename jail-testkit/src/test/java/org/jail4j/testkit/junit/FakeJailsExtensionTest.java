package org.jail4j.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jail4j.FreeBsdVersion;
import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;
import org.jail4j.param.JailParam;
import org.jail4j.spi.IoVec;
import org.jail4j.spi.JailFlags;
import org.jail4j.spi.MountRequest;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.Journal;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small fixture classes through the Jupiter engine (EngineTestKit) and checks what the
 * extension did to them. The fixtures are nested classes, which Surefire does not run by itself.
 */
class FakeJailsExtensionTest {

  static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

  private static EngineExecutionResults run(Class<?> fixture, boolean parallel) {
    SEEN.clear();
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(
            "junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
        .selectors(selectClass(fixture))
        .execute();
  }

  private static Events tests(Class<?> fixture) {
    return run(fixture, false).testEvents();
  }

  static int createPersistent(FakeJailKernel kernel, String name) throws Exception {
    return kernel.set(
        new IoVec[] {IoVec.name("name"), IoVec.string(name), IoVec.name("persist"), IoVec.empty()},
        JailFlags.CREATE);
  }

  // ------------------------------------------------------------------ fixtures

  @FakeJails
  static class LeavesAMount {
    @Test
    void leaks(FakeHostSystem host) {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
    }

    @Test
    void cleansUp(FakeHostSystem host) {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      host.unmount("/jail/web/dev", false);
    }
  }

  @FakeJails
  static class LeavesAJail {
    @Test
    void leaks(FakeJailKernel kernel) throws Exception {
      createPersistent(kernel, "web");
    }
  }

  @FakeJails(modules = "tmpfs")
  static class LeavesWhatAJailMadeInside {
    @Test
    void leaks(JailHost host, FakeJailProvider fake) {
      RunningJail build =
          host.start(
              Jail.builder()
                  .name("build")
                  .path("/jails/build")
                  .persist(true)
                  .param(JailParam.CHILDREN_MAX, 2)
                  .param(JailParam.ALLOW_MOUNT, true)
                  .param(JailParam.ALLOW_MOUNT_TMPFS, true)
                  .param(JailParam.ENFORCE_STATFS, 1)
                  .build());
      JailHost inside = JailHost.using(fake.inJail(build.jid()));
      inside.start(Jail.builder().name("job").path("/job").persist(true).build());
      inside.hostSystem().mount(new MountRequest("tmpfs", "tmpfs", "/tmp", List.of("rw"), null));
    }
  }

  @FakeJails(leaks = Leaks.WARN)
  static class LeavesAMountWithWarn {
    @Test
    void leaks(FakeHostSystem host) {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
    }
  }

  @FakeJails
  static class OneTestsWarns {
    @Test
    @FakeJails(leaks = Leaks.IGNORE)
    void leaksButIgnored(FakeHostSystem host) {
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
    }
  }

  @FakeJails
  static class SameNameInEveryTest {
    @Test
    void first(FakeJailKernel kernel, FakeHostSystem host) throws Exception {
      use(kernel, host, "first");
    }

    @Test
    void second(FakeJailKernel kernel, FakeHostSystem host) throws Exception {
      use(kernel, host, "second");
    }

    @Test
    void third(FakeJailKernel kernel, FakeHostSystem host) throws Exception {
      use(kernel, host, "third");
    }

    @Test
    void fourth(FakeJailKernel kernel, FakeHostSystem host) throws Exception {
      use(kernel, host, "fourth");
    }

    private static void use(FakeJailKernel kernel, FakeHostSystem host, String test)
        throws Exception {
      // every test makes the same jail and mount: only isolation lets all of them succeed
      int jid = createPersistent(kernel, "web");
      host.mount(MountRequest.devfs("/jail/web/dev", 4));
      SEEN.put(test, kernel);
      host.unmount("/jail/web/dev", false);
      kernel.remove(jid);
    }
  }

  @FakeJails
  static class AllFourTypesAgree {
    @Nullable FakeJailKernel kernelField;
    @Nullable FakeHostSystem hostField;

    @Test
    void parametersAndFieldsAreOneFake(
        JailHost jailHost, FakeJailKernel kernel, FakeHostSystem host, FakeJailProvider provider) {
      SEEN.put(
          "same",
          jailHost.kernel() == kernel
              && host.kernel() == kernel
              && provider.fakeKernel() == kernel
              && kernelField == kernel
              && hostField == host);
    }
  }

  @FakeJails
  static class BeforeEachGetsTheTestsFake {
    @Nullable FakeJailKernel fromBeforeEach;

    @BeforeEach
    void setUp(FakeJailKernel kernel) {
      fromBeforeEach = kernel;
    }

    @Test
    void same(FakeJailKernel kernel) {
      SEEN.put("same", fromBeforeEach == kernel);
    }
  }

  @FakeJails(
      version = FreeBsdVersion.V15,
      modules = {"zfs"},
      vimage = false,
      racct = false)
  static class Configured {
    @Test
    void kernelFollowsTheAnnotation(FakeJailKernel kernel) {
      SEEN.put("version", kernel.version());
      SEEN.put("zfs", kernel.param("allow.mount.zfs").isPresent());
      SEEN.put("vnet", kernel.param("vnet").isPresent());
      SEEN.put("racct", kernel.capabilities().racct());
    }
  }

  @FakeJails(shared = "extension-test-shared")
  static class SharedA {
    @Test
    void makesAJail(FakeJailKernel kernel) throws Exception {
      SEEN.put("a", kernel);
      SEEN.put("jid", createPersistent(kernel, "kept"));
    }
  }

  @FakeJails(shared = "extension-test-shared", leaks = Leaks.IGNORE)
  static class SharedB {
    @Test
    void seesTheJail(FakeJailKernel kernel) {
      SEEN.put("b", kernel);
      SEEN.put("seen", kernel.jails().stream().anyMatch(j -> j.name().equals("kept")));
    }
  }

  @FakeJails
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
  static class PerClassWithFieldsInParallel {
    @Nullable FakeJailKernel kernel;

    @Test
    void one() {}
  }

  @FakeJails(shared = "extension-test-beforeall", leaks = Leaks.IGNORE)
  static class SharedInBeforeAll {
    static @Nullable FakeJailKernel fromBeforeAll;

    @org.junit.jupiter.api.BeforeAll
    static void setUp(FakeJailKernel kernel) {
      fromBeforeAll = kernel;
    }

    @Test
    void same(FakeJailKernel kernel) {
      SEEN.put("same", fromBeforeAll == kernel);
    }
  }

  @FakeJails
  static class FreshInBeforeAll {
    @org.junit.jupiter.api.BeforeAll
    static void setUp(FakeJailKernel kernel) {}

    @Test
    void never() {}
  }

  @FakeJails(version = FreeBsdVersion.V13)
  static class Outer {
    @org.junit.jupiter.api.Nested
    class Inner {
      @Nullable FakeHostSystem hostField;

      @Test
      void nestedTestsUseTheOuterAnnotation(FakeJailKernel kernel) {
        SEEN.put("version", kernel.version());
        SEEN.put("field", hostField != null && hostField.kernel() == kernel);
      }
    }
  }

  // ------------------------------------------------------------------ tests

  @Test
  void leftMountFailsTheTestNamingIt() {
    Events events = tests(LeavesAMount.class);

    events.assertStatistics(s -> s.succeeded(1).failed(1));
    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("leaks"),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        m ->
                            m.contains(": left behind:")
                                && !m.contains("left left")
                                && m.contains("mount devfs /jail/web/dev")))));
  }

  @Test
  void leftJailFailsTheTestNamingIt() {
    Events events = tests(LeavesAJail.class);

    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(test("leaks"), finishedWithFailure(message(m -> m.contains("jail web (jid ")))));
  }

  @Test
  void whatAJailMadeInsideIsCheckedToo() {
    Events events = tests(LeavesWhatAJailMadeInside.class);

    events
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("leaks"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains("jail build (jid ")
                                && m.contains("jail build.job (jid ")
                                && m.contains("mount tmpfs /jails/build/tmp")))));
  }

  @Test
  void aJournalParameterGetsTheKernelsJournal() {
    tests(TakesTheJournal.class).assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(SEEN.get("journal")).isSameAs(SEEN.get("kernelJournal"));
  }

  @Test
  void anOsreleaseTooLongForTheKernelIsAConfigurationError() {
    tests(OsreleaseTooLong.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test("runs"),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.startsWith("@FakeJails: osrelease must be 1..31 bytes")))));
  }

  @FakeJails(osrelease = "14.3-RELEASE-p99-and-a-long-local-name")
  static class OsreleaseTooLong {
    @Test
    void runs(JailHost host) {}
  }

  @FakeJails
  static class TakesTheJournal {
    @Test
    void seesIt(Journal journal, FakeJailKernel kernel) {
      SEEN.put("journal", journal);
      SEEN.put("kernelJournal", kernel.journal());
    }
  }

  @Test
  void warnModeReportsWithoutFailing() {
    EngineExecutionResults results = run(LeavesAMountWithWarn.class, false);

    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    assertThat(results.allEvents().reportingEntryPublished().stream())
        .anySatisfy(
            e ->
                assertThat(
                        e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                            .orElseThrow()
                            .getKeyValuePairs()
                            .get("jail4j.leftovers"))
                    .contains("mount devfs /jail/web/dev"));
  }

  @Test
  void methodAnnotationOverridesTheClass() {
    tests(OneTestsWarns.class).assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void everyTestGetsAFreshKernelAlsoInParallel() {
    run(SameNameInEveryTest.class, true)
        .testEvents()
        .assertStatistics(s -> s.succeeded(4).failed(0));

    assertThat(Set.copyOf(SEEN.values())).hasSize(4);
  }

  @Test
  void parametersAndFieldsShareOneFakePerTest() {
    tests(AllFourTypesAgree.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN).containsEntry("same", true);
  }

  @Test
  void beforeEachAndTheTestGetTheSameFake() {
    tests(BeforeEachGetsTheTestsFake.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN).containsEntry("same", true);
  }

  @Test
  void annotationAttributesConfigureTheKernel() {
    tests(Configured.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN)
        .containsEntry("version", FreeBsdVersion.V15)
        .containsEntry("zfs", true)
        .containsEntry("vnet", false)
        .containsEntry("racct", false);
  }

  @Test
  void sharedNameGivesOneKernelAcrossClasses() {
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(selectClass(SharedA.class), selectClass(SharedB.class))
            .execute();

    // SharedA's jail is a leftover of that test: by default that still fails it
    results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));
    assertThat(SEEN.get("a")).isSameAs(SEEN.get("b"));
    assertThat(SEEN).containsEntry("seen", true);
  }

  @Test
  void sharedFakeIsAvailableInBeforeAll() {
    tests(SharedInBeforeAll.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN).containsEntry("same", true);
  }

  @Test
  void freshFakeInBeforeAllIsRefusedWithAReason() {
    EngineExecutionResults results = run(FreshInBeforeAll.class, false);

    assertThat(results.containerEvents().failed().stream())
        .anySatisfy(
            e ->
                assertThat(
                        e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                            .orElseThrow()
                            .getThrowable()
                            .orElseThrow())
                    .hasMessageContaining("fresh fakes per test")
                    .hasMessageContaining("shared"));
  }

  @Test
  void perClassFieldsUnderConcurrentExecutionAreRefused() {
    run(PerClassWithFieldsInParallel.class, true)
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test("one"), finishedWithFailure(message(m -> m.contains("PER_CLASS")))));
  }

  @Test
  void nestedClassesGetTheEnclosingClassesSettingsAndFields() {
    tests(Outer.class).assertStatistics(s -> s.succeeded(1));

    assertThat(SEEN).containsEntry("version", FreeBsdVersion.V13).containsEntry("field", true);
  }

  @Test
  void processesStillRunningAreKilledAfterTheTest() throws Exception {
    tests(KeepsAProcess.class).assertStatistics(s -> s.succeeded(1));

    Process p = (Process) java.util.Objects.requireNonNull(SEEN.get("process"));
    assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);
  }

  @FakeJails
  static class KeepsAProcess {
    @Test
    void startsALongCommand(FakeHostSystem host) throws Exception {
      host.onCommand(
          "sleep", org.jail4j.CommandResult.exit(0).duration(java.time.Duration.ofHours(1)));
      SEEN.put("process", host.startOnHost(org.jail4j.spi.CommandSpec.of("sleep", "3600")));
    }
  }
}
