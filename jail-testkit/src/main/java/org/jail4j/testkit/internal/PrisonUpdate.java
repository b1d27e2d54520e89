package org.jail4j.testkit.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jail4j.Errno;
import org.jspecify.annotations.Nullable;

/**
 * The last part of {@code kern_jail_set}: writing a checked request into the prison and propagating
 * to descendants ({@code prison_restrict_ip4}, {@code prison_restrict_ip6}, the host and limit
 * inheritance), and the {@code meta} / {@code env} buffers ({@code jailmeta}) (§3.4, §4.4).
 */
final class PrisonUpdate {
  private PrisonUpdate() {}

  /** The text after a change; {@code EFBIG} beyond {@code security.jail.meta_maxbufsize}. */
  static String applyKeyValues(String current, SetRequest.KeyValueChange change) throws Fail {
    String text = current;
    for (@Nullable String[] step : change.steps) {
      String key = step[0];
      String value = step[1];
      if (key == null) {
        text = value == null ? "" : value;
        continue;
      }
      StringBuilder sb = new StringBuilder();
      if (value != null) {
        sb.append(key).append('=').append(value);
      }
      for (String line : text.split("\n", -1)) {
        if (line.isEmpty() || line.startsWith(key + "=")) {
          continue;
        }
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(line);
      }
      text = sb.toString();
    }
    if (SetChecks.utf8Length(text) + 1 > SetRequest.META_MAXBUFSIZE) {
      throw Fail.of(Errno.EFBIG);
    }
    return text;
  }

  /** The value of {@code KEY} in a key/value buffer (after the first {@code =}), or null. */
  static @Nullable String keyValue(String text, String key) {
    for (String line : text.split("\n", -1)) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    return null;
  }

  /** Writes the request into the jail and propagates to descendants (§3.4 last paragraphs). */
  static void commit(
      Prison pr,
      SetRequest r,
      @Nullable String namelc,
      @Nullable String gpath,
      @Nullable Integer rsnum,
      boolean created)
      throws Fail {
    // the key/value texts may still fail on size; compute them before changing anything
    String meta = r.meta == null ? null : applyKeyValues(pr.meta, r.meta);
    String env = r.env == null ? null : applyKeyValues(pr.env, r.env);

    List<Prison> desc = new ArrayList<>();
    if (!created) {
      pr.forEachDescendant(desc::add);
    }
    if (r.ip4User) {
      pr.ip4.user = true;
      pr.ip4.restricted = true;
      byte[] a = r.ip4;
      pr.ip4.addrs = a == null || a.length == 0 ? null : a;
      restrictDescendants(pr, true);
    }
    if (r.ip6User) {
      pr.ip6.user = true;
      pr.ip6.restricted = true;
      byte[] a = r.ip6;
      pr.ip6.addrs = a == null || a.length == 0 ? null : a;
      restrictDescendants(pr, false);
    }
    if (r.slevel != null) {
      int level = r.slevel;
      pr.securelevel = level;
      for (Prison t : desc) {
        t.securelevel = Math.max(t.securelevel, level);
      }
    }
    if (r.childmax != null) {
      int max = r.childmax;
      pr.childMax = max;
      for (Prison t : desc) {
        int depth = t.depthBelow(pr);
        if (t.childMax > max - depth) {
          t.childMax = max > depth ? max - depth : 0;
        }
      }
    }
    if (r.enforce != null) {
      int e = r.enforce;
      pr.enforceStatfs = e;
      for (Prison t : desc) {
        t.enforceStatfs = Math.max(t.enforceStatfs, e);
      }
    }
    if (rsnum != null) {
      pr.devfsRuleset = rsnum;
      for (Prison t : desc) {
        t.devfsRuleset = rsnum;
      }
    }
    if (namelc != null) {
      pr.localName = namelc;
    }
    if (gpath != null) {
      pr.path = gpath;
    }
    Prison parent = pr.parent;
    if (r.hostMentioned && !r.hostNew) {
      // host=inherit: copy the parent's host information
      if (parent != null && (pr.hostNew || created)) {
        pr.hostname = parent.hostname;
        pr.domainname = parent.domainname;
        pr.hostuuid = parent.hostuuid;
        pr.hostid = parent.hostid;
      }
      pr.hostNew = false;
    } else {
      if (r.hostMentioned) {
        pr.hostNew = true;
      }
      if (r.hostname != null || r.domainname != null || r.hostuuid != null || r.hostid != null) {
        setHost(pr, r);
        propagateHost(pr, r);
      }
    }
    pr.allow = (pr.allow & ~r.chAllow) | r.prAllow;
    long cleared = r.chAllow & ~r.prAllow;
    if (cleared != 0) {
      for (Prison t : desc) {
        t.allow &= ~cleared;
      }
    }
    if (r.persistChanged) {
      pr.persist = r.persistOn;
    }
    if (r.saddrsel4Changed) {
      pr.ip4.saddrsel = r.saddrsel4On;
    }
    if (r.saddrsel6Changed) {
      pr.ip6.saddrsel = r.saddrsel6On;
    }
    @Nullable Object[] values = r.values;
    if (values != null) {
      ValueParams.commit(pr, values);
    }
    if (meta != null) {
      pr.meta = meta;
    }
    if (env != null) {
      pr.env = env;
    }
  }

  static void setHost(Prison t, SetRequest r) {
    if (r.hostname != null) {
      t.hostname = r.hostname;
    }
    if (r.domainname != null) {
      t.domainname = r.domainname;
    }
    if (r.hostuuid != null) {
      t.hostuuid = r.hostuuid;
    }
    if (r.hostid != null) {
      t.hostid = r.hostid;
    }
  }

  /** Host changes reach descendants in {@code host=inherit} mode, not below a {@code host=new}. */
  static void propagateHost(Prison pr, SetRequest r) {
    for (Prison c : pr.children) {
      if (!c.hostNew) {
        setHost(c, r);
        propagateHost(c, r);
      }
    }
  }

  /** {@code prison_restrict_ip4}: descendants keep only addresses their parent still has. */
  static void restrictDescendants(Prison pr, boolean v4) {
    for (Prison c : pr.children) {
      if (c.vnet) {
        continue;
      }
      Prison.IpState parent = v4 ? pr.ip4 : pr.ip6;
      Prison.IpState ip = v4 ? c.ip4 : c.ip6;
      if (!ip.user) {
        ip.restricted = parent.restricted;
        ip.addrs = parent.addrs == null ? null : parent.addrs.clone();
      } else if (ip.addrs != null) {
        byte[] a = ip.addrs;
        int size = ip.size;
        int n = a.length / size;
        byte[] kept = new byte[a.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (parent.contains(a, i)) {
            System.arraycopy(a, i * size, kept, k * size, size);
            k++;
          }
        }
        ip.addrs = k == 0 ? null : Arrays.copyOf(kept, k * size);
      }
      restrictDescendants(c, v4);
    }
  }
}
