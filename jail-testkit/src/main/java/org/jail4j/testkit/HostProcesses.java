package org.jail4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.jail4j.CommandResult;
import org.jail4j.spi.SyscallException;

/**
 * The processes a {@link FakeHostSystem} starts: host processes get pids from 90001 up, in-jail
 * processes are processes of their jail in the kernel. All of them end on one shared daemon clock
 * thread. Here rather than in the host package because {@link FakeProcess}'s constructor is not
 * public.
 *
 * <p>Safe for concurrent use.
 */
final class HostProcesses {

  private static final ScheduledExecutorService CLOCK = newClock();

  private final FakeJailKernel kernel;
  private final AtomicLong hostPids = new AtomicLong(90_000);

  // Guarded by itself.
  private final List<FakeProcess> started = new ArrayList<>();

  HostProcesses(FakeJailKernel kernel) {
    this.kernel = kernel;
  }

  private static ScheduledExecutorService newClock() {
    ScheduledThreadPoolExecutor clock =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setDaemon(true);
              t.setName("jail4j-fake-process-clock");
              return t;
            });
    clock.setRemoveOnCancelPolicy(true);
    return clock;
  }

  /** Starts a host process that ends as {@code result} says. */
  FakeProcess startOnHost(RecordedCommand recorded, CommandResult result) {
    FakeProcess p = new FakeProcess(recorded, hostPids.incrementAndGet(), result, null);
    track(p);
    p.begin(CLOCK);
    return p;
  }

  /**
   * Starts a process of the recorded command's jail that ends as {@code result} says, or, when the
   * jail is not alive, one that ends as jexec(8) does.
   */
  FakeProcess startInJail(RecordedCommand recorded, CommandResult result) {
    int pid;
    try {
      pid = kernel.spawn(recorded.jid());
    } catch (SyscallException e) {
      return notFound(recorded);
    }
    FakeProcess p = new FakeProcess(recorded, pid, result, kernel);
    track(p);
    p.begin(CLOCK);
    return p;
  }

  /** What jexec(8) gives when libjail's jail_getid cannot find the jail: exit 1 at once. */
  FakeProcess notFound(RecordedCommand recorded) {
    CommandResult notFound =
        CommandResult.exit(1).stderr("jexec: jail " + recorded.jid() + " not found\n");
    FakeProcess p = new FakeProcess(recorded, hostPids.incrementAndGet(), notFound, null);
    p.begin(CLOCK);
    return p;
  }

  /** The processes started that are still running. */
  List<FakeProcess> running() {
    List<FakeProcess> copy;
    synchronized (started) {
      copy = List.copyOf(started);
    }
    return copy.stream().filter(Process::isAlive).toList();
  }

  private void track(FakeProcess p) {
    synchronized (started) {
      started.removeIf(old -> !old.isAlive());
      started.add(p);
    }
  }
}
