package org.jail4j.oci.internal;

import java.util.List;
import java.util.Map;
import org.jail4j.param.JailParam;

/** The fixed names of the mapping: the {@code freebsd.jail.allow} booleans and the hooks. */
final class Names {
  private Names() {}

  /** {@code freebsd.jail.allow} boolean fields and their parameters. */
  static final Map<String, JailParam<Boolean>> ALLOW =
      Map.of(
          "setHostname", JailParam.ALLOW_SET_HOSTNAME,
          "rawSockets", JailParam.ALLOW_RAW_SOCKETS,
          "chflags", JailParam.ALLOW_CHFLAGS,
          "quotas", JailParam.ALLOW_QUOTAS,
          "socketAf", JailParam.ALLOW_SOCKET_AF,
          "mlock", JailParam.ALLOW_MLOCK,
          "reservedPorts", JailParam.ALLOW_RESERVED_PORTS,
          "suser", JailParam.ALLOW_SUSER);

  /** The order the allow fields are written in. */
  static final List<String> ALLOW_ORDER =
      List.of(
          "setHostname",
          "rawSockets",
          "chflags",
          "quotas",
          "socketAf",
          "mlock",
          "reservedPorts",
          "suser");

  /** {@code freebsd.jail} sharing-mode fields and their parameters. */
  static final Map<String, JailParam<org.jail4j.param.JailSys>> SHARING =
      Map.of(
          "host", JailParam.HOST,
          "ip4", JailParam.IP4,
          "ip6", JailParam.IP6,
          "vnet", JailParam.VNET,
          "sysvmsg", JailParam.SYSVMSG,
          "sysvsem", JailParam.SYSVSEM,
          "sysvshm", JailParam.SYSVSHM);

  /** The order the sharing modes are written in. */
  static final List<String> SHARING_ORDER =
      List.of("host", "ip4", "ip6", "vnet", "sysvmsg", "sysvsem", "sysvshm");

  /** The shell host hooks run their command with. */
  static final String SH = "/bin/sh";

  /** A jail(8) command as {@code sh -c LINE} arguments. */
  static List<String> shArgs(String line) {
    return List.of(SH, "-c", line);
  }

  /** An argument vector as one sh(1) command line, each word quoted where it needs to be. */
  static String shellLine(List<String> args) {
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if (!a.isEmpty() && a.matches("[A-Za-z0-9_./=:,+@%-]+")) {
        sb.append(a);
      } else {
        sb.append('\'').append(a.replace("'", "'\\''")).append('\'');
      }
    }
    return sb.toString();
  }
}
