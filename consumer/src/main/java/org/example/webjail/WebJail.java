package org.example.webjail;

import org.jail4j.Jail;
import org.jail4j.JailHost;
import org.jail4j.RunningJail;

/** A user's own code: the web jail it runs, as a user of jail4j writes it. */
public final class WebJail {
  private WebJail() {}

  /**
   * The web jail's definition.
   *
   * @param address its IPv4 address on {@code em0}
   * @return the jail, every rule checked
   */
  public static Jail definition(String address) {
    return Jail.builder()
        .name("web")
        .path("/jail/web")
        .ip4(address)
        .iface("em0")
        .persist(true)
        .addExecStart("/bin/sh /etc/rc")
        .build();
  }

  /**
   * Starts the web jail on a host.
   *
   * @param host where to start it (the real one, or a fake in tests)
   * @param address its IPv4 address on {@code em0}
   * @return the running jail; closing it stops the jail
   */
  public static RunningJail start(JailHost host, String address) {
    return host.start(definition(address));
  }
}
