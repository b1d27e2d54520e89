package org.jail4j.rc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code /etc/rc.d/jail} reads from the host's rc.conf: whether jails start at boot, which
 * ones, in which order, from which configuration file, and (for the obsolete per-jail {@code
 * jail_NAME_*} variables) the settings of each jail. The host's files are layered on the jail
 * section of /etc/defaults/rc.conf ({@code jail_enable="NO"}, {@code jail_conf="/etc/jail.conf"},
 * {@code jail_confwarn="YES"}, {@code jail_parallel_start="NO"}, {@code jail_list=""}, {@code
 * jail_reverse_stop="NO"}).
 *
 * <pre>{@code
 * RcJailSettings jails = RcJailSettings.of(RcConf.read(Path.of("/etc/rc.conf")));
 * if (jails.enabled() && jails.list().isEmpty()) {
 *   // every jail of jails.conf() starts, one at a time unless jails.parallelStart()
 * }
 * List<String> files = jails.configFiles("www"); // [/etc/jail.www.conf, /etc/jail.conf.d/www.conf, /etc/jail.conf]
 * }</pre>
 */
public final class RcJailSettings {
  /** The jail section of /etc/defaults/rc.conf. */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("jail_enable", "NO");
    d.put("jail_conf", "/etc/jail.conf");
    d.put("jail_confwarn", "YES");
    d.put("jail_parallel_start", "NO");
    d.put("jail_list", "");
    d.put("jail_reverse_stop", "NO");
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  private final Map<String, String> vars;

  private RcJailSettings(Map<String, String> vars) {
    this.vars = vars;
  }

  /**
   * The settings of rc.conf layers (rc.conf, then rc.conf.local, ...) on top of the defaults.
   *
   * @param layers the host's files in the order rc reads them
   * @return the settings
   */
  public static RcJailSettings of(RcConf... layers) {
    Map<String, String> vars = DEFAULTS;
    for (RcConf rc : layers) {
      vars = rc.evaluate(vars);
    }
    return new RcJailSettings(vars);
  }

  private Optional<String> var(String name) {
    return Optional.ofNullable(vars.get(name));
  }

  private boolean yes(String name) {
    return YesNo.of(name, var(name)).isYes();
  }

  /** {@code jail_enable}: jails start at boot. */
  public boolean enabled() {
    return yes("jail_enable");
  }

  /**
   * {@code jail_list}, split on blanks. Empty means every jail of {@link #conf()} starts, with one
   * {@code jail -f CONF -c} call.
   */
  public List<String> list() {
    String v = vars.getOrDefault("jail_list", "").trim();
    return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
  }

  /** {@code jail_parallel_start}: when false, jails start one at a time ({@code -p1}). */
  public boolean parallelStart() {
    return yes("jail_parallel_start");
  }

  /**
   * {@code jail_reverse_stop}: stop in reverse order. Names given to {@code service jail stop} on
   * the command line are never reversed.
   */
  public boolean reverseStop() {
    return yes("jail_reverse_stop");
  }

  /** {@code jail_conf}: the configuration file. */
  public String conf() {
    return vars.getOrDefault("jail_conf", "/etc/jail.conf");
  }

  /** {@code jail_confwarn}: warn about the obsolete per-jail variables. */
  public boolean confWarn() {
    return yes("jail_confwarn");
  }

  /**
   * The jail name rc.d/jail uses for a name of {@code jail_list}: {@code /} and {@code .} become
   * {@code _}.
   *
   * @param listName a name from jail_list or the command line
   * @return the jail name
   */
  public static String jailName(String listName) {
    return listName.replace('/', '_').replace('.', '_');
  }

  /**
   * The infix of the per-jail variables {@code jail_JV_*}: every character that is not a letter or
   * digit becomes {@code _}.
   *
   * @param listName a name from jail_list
   * @return the infix
   */
  public static String variableInfix(String listName) {
    StringBuilder sb = new StringBuilder(listName.length());
    for (int i = 0; i < listName.length(); i++) {
      char c = listName.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      sb.append(alnum ? c : '_');
    }
    return sb.toString();
  }

  /**
   * True when rc.d/jail builds the jail from the obsolete {@code jail_JV_*} variables: both {@code
   * jail_JV_rootdir} and {@code jail_JV_hostname} are set.
   *
   * @param listName a name from jail_list
   * @return whether the legacy variables configure it
   */
  public boolean usesLegacyVariables(String listName) {
    String jv = variableInfix(listName);
    return var("jail_" + jv + "_rootdir").isPresent()
        && var("jail_" + jv + "_hostname").isPresent();
  }

  /**
   * The files rc.d/jail tries, in order, for a jail not configured by legacy variables: {@code
   * jail_JV_conf} (default {@code /etc/jail.NAME.conf}), {@code /etc/jail.conf.d/NAME.conf}, then
   * {@link #conf()}. It uses the first readable one and ignores the jail when none is.
   *
   * @param listName a name from jail_list
   * @return the candidate files
   */
  public List<String> configFiles(String listName) {
    String name = jailName(listName);
    String jv = variableInfix(listName);
    return List.of(
        vars.getOrDefault("jail_" + jv + "_conf", "/etc/jail." + name + ".conf"),
        "/etc/jail.conf.d/" + name + ".conf",
        conf());
  }

  /**
   * A per-jail legacy setting: {@code jail_JV_x}, else the global {@code jail_x}.
   *
   * @param listName a name from jail_list
   * @param setting the suffix, e.g. {@code hostname}, {@code rootdir}, {@code devfs_enable}
   * @return the value, or empty
   */
  public Optional<String> legacy(String listName, String setting) {
    Optional<String> own = var("jail_" + variableInfix(listName) + "_" + setting);
    return own.isPresent() ? own : var("jail_" + setting);
  }

  /**
   * A numbered legacy list, e.g. {@code exec_prestart} gives {@code jail_JV_exec_prestart0}, {@code
   * 1}, ... Index 0 is optional and counting stops at the first gap after index 1, as rc.d/jail
   * counts: {@code ...1, ...3} gives only {@code ...1}.
   *
   * @param listName a name from jail_list
   * @param setting the list's stem, e.g. {@code exec_prestart}, {@code ip_multi}
   * @return the values in order
   */
  public List<String> legacyList(String listName, String setting) {
    List<String> out = new ArrayList<>();
    legacy(listName, setting + "0").ifPresent(out::add);
    for (int i = 1; ; i++) {
      Optional<String> v = legacy(listName, setting + i);
      if (v.isEmpty()) {
        return Collections.unmodifiableList(out);
      }
      out.add(v.get());
    }
  }

  /**
   * The legacy {@code vnet_interface} (singular; the plural spelling is never read), split on
   * blanks.
   *
   * @param listName a name from jail_list
   * @return the interfaces
   */
  public List<String> legacyVnetInterfaces(String listName) {
    return legacy(listName, "vnet_interface")
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .map(v -> Arrays.asList(v.split("\\s+")))
        .orElse(List.of());
  }
}
