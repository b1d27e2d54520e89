package org.jail4j.lifecycle;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jail4j.JailHost;
import org.jail4j.testkit.FakeHostSystem;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.FakeJailProvider;
import org.jail4j.testkit.Leftovers;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.RecordedCommand;

/**
 * A fake kernel and host wired into a {@link JailHost}, with a baseline of what the host had before
 * the test so that leftovers (jails, mounts, aliases, cloned interfaces, rctl rules) can be
 * checked.
 */
final class FakeRig {
  final FakeJailKernel kernel;
  final FakeHostSystem fake;
  final JailHost host;
  private Leftovers before;

  private FakeRig(FakeJailKernel kernel) {
    this.kernel = kernel;
    this.fake = new FakeHostSystem(kernel);
    this.host = JailHost.using(new FakeJailProvider(kernel, fake));
    this.before = fake.leftovers();
  }

  /** Takes what is on the host now (e.g. a bridge a test made) as the baseline for leftovers. */
  void baseline() {
    before = fake.leftovers();
  }

  /** FreeBSD 14 defaults, VIMAGE and RACCT on. */
  static FakeRig create() {
    return new FakeRig(FakeJailKernel.builder().vimage(true).racct(true).build());
  }

  static FakeRig of(FakeJailKernel kernel) {
    return new FakeRig(kernel);
  }

  /** What was left behind since the rig was made, plus recorded rctl rules. */
  String leftovers() {
    Leftovers l = fake.leftovers().since(before);
    List<String> problems = new ArrayList<>();
    if (!l.isEmpty()) {
      problems.add(l.describe());
    }
    if (!kernel.rctlRules().isEmpty()) {
      problems.add("rctl rules " + kernel.rctlRules());
    }
    return String.join("\n", problems);
  }

  /** The host commands' argv lines, program first. */
  List<String> hostCommandLines() {
    List<String> out = new ArrayList<>();
    for (RecordedCommand c : fake.hostCommands()) {
      out.add(String.join(" ", c.argv()));
    }
    return out;
  }

  static String dir(Path p) {
    // a jail path is a FreeBSD path, / between names, whatever the test machine uses
    return PathCheck.jailPath(p);
  }
}
