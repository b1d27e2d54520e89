package org.jail4j;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A resource limit for a jail, as an {@code rctl(8)} rule {@code jail:NAME:RESOURCE:ACTION=AMOUNT}:
 * added right after the jail is created and removed when it stops.
 *
 * <pre>{@code
 * Jail.builder().name("build").limit("memoryuse", "4g", "deny").limit("maxproc", "200", "deny");
 * }</pre>
 *
 * @param resource an rctl resource: {@code cputime}, {@code datasize}, {@code stacksize}, {@code
 *     coredumpsize}, {@code memoryuse}, {@code memorylocked}, {@code maxproc}, {@code openfiles},
 *     {@code vmemoryuse}, {@code pseudoterminals}, {@code swapuse}, {@code nthr}, {@code
 *     msgqqueued}, {@code msgqsize}, {@code nmsgq}, {@code nsem}, {@code nsemop}, {@code nshm},
 *     {@code shmsize}, {@code wallclock}, {@code pcpu}, {@code readbps}, {@code writebps}, {@code
 *     readiops}, {@code writeiops}
 * @param amount the amount, a number with an optional {@code k m g t p e} suffix (and {@code /user}
 *     style per-suffixes are not used for jails)
 * @param action {@code deny}, {@code log}, {@code devctl}, {@code throttle} or {@code sig<NAME>}
 *     (e.g. {@code sigkill}, {@code sigterm})
 */
public record JailLimit(String resource, String amount, String action) {

  /** The resources rctl(8) knows, in the order rctl(8) and {@code rctl_get_racct(2)} list them. */
  public static final List<String> RESOURCES =
      List.of(
          "cputime",
          "datasize",
          "stacksize",
          "coredumpsize",
          "memoryuse",
          "memorylocked",
          "maxproc",
          "openfiles",
          "vmemoryuse",
          "pseudoterminals",
          "swapuse",
          "nthr",
          "msgqqueued",
          "msgqsize",
          "nmsgq",
          "nsem",
          "nsemop",
          "nshm",
          "shmsize",
          "wallclock",
          "pcpu",
          "readbps",
          "writebps",
          "readiops",
          "writeiops");

  private static final Set<String> SIGNALS =
      Set.of(
          "sighup", "sigint", "sigquit", "sigkill", "sigusr1", "sigusr2", "sigalrm", "sigterm",
          "sigxcpu", "sigxfsz", "sigstop", "sigcont");

  /** Validates the rule's parts. */
  public JailLimit {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(action, "action");
    resource = resource.toLowerCase(Locale.ROOT);
    action = action.toLowerCase(Locale.ROOT);
    if (!RESOURCES.contains(resource)) {
      throw new InvalidJailParameterException(
          "build", null, "limit", "limit: unknown rctl resource \"" + resource + "\"");
    }
    if (!amount.matches("[0-9]+[kmgtpeKMGTPE]?")) {
      throw new InvalidJailParameterException(
          "build",
          null,
          "limit",
          "limit "
              + resource
              + ": amount must be a number with an optional k/m/g/t/p/e suffix,"
              + " not \""
              + amount
              + "\"");
    }
    if (!(action.equals("deny")
        || action.equals("log")
        || action.equals("devctl")
        || action.equals("throttle")
        || SIGNALS.contains(action))) {
      throw new InvalidJailParameterException(
          "build",
          null,
          "limit",
          "limit "
              + resource
              + ": action must be deny, log, devctl, throttle or sigNAME, not \""
              + action
              + "\"");
    }
    if (action.equals("throttle")
        && !Set.of("readbps", "writebps", "readiops", "writeiops").contains(resource)) {
      throw new InvalidJailParameterException(
          "build",
          null,
          "limit",
          "limit "
              + resource
              + ": throttle applies only to readbps, writebps, readiops, writeiops");
    }
  }

  /**
   * The rctl rule for a jail: {@code jail:NAME:RESOURCE:ACTION=AMOUNT}.
   *
   * @param jailName the jail's name
   * @return the rule
   */
  public String rule(String jailName) {
    return "jail:" + jailName + ":" + resource + ":" + action + "=" + amount;
  }
}
