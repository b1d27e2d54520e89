package org.jail4j.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** sysrc's {@code name=value}, {@code name+=words} and {@code name-=words}. */
class RcEditTest {

  @Test
  void parseSplitsAtTheFirstEquals() {
    assertThat(RcEdit.parse("a=b=c")).isEqualTo(new RcEdit("a", RcEdit.Op.SET, "b=c"));
    assertThat(RcEdit.parse("a+=x")).isEqualTo(new RcEdit("a", RcEdit.Op.APPEND, "x"));
    assertThat(RcEdit.parse("a-=x")).isEqualTo(new RcEdit("a", RcEdit.Op.REMOVE, "x"));
    assertThat(RcEdit.parse("a=")).isEqualTo(new RcEdit("a", RcEdit.Op.SET, ""));
  }

  @Test
  void parseRefusesBadNamesAndQueries() {
    assertThatThrownBy(() -> RcEdit.parse("1a=x"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("not a valid variable name");
    assertThatThrownBy(() -> RcEdit.parse("a.b+=x")).isInstanceOf(RcConfException.class);
    assertThatThrownBy(() -> RcEdit.parse("sshd_enable"))
        .isInstanceOf(RcConfException.class)
        .hasMessageContaining("expected name=value");
    assertThatThrownBy(() -> RcEdit.parse("a=x\0")).isInstanceOf(RcConfException.class);
  }

  @Test
  void appendAddsOnlyWhatIsMissingAndKeepsTheValueAsItIs() {
    assertThat(RcEdit.append("", "item1")).isEqualTo("item1");
    assertThat(RcEdit.append("item1", "item1")).isEqualTo("item1");
    assertThat(RcEdit.append("item1", "item2")).isEqualTo("item1 item2");
    assertThat(RcEdit.append("a b", "b c d")).isEqualTo("a b c d");
    assertThat(RcEdit.append("a\t b", "c")).isEqualTo("a\t b c");
    assertThat(RcEdit.append(" a", "b")).isEqualTo("a b"); // one leading delimiter dropped
    // items are compared with the value before, not with each other (as in sysrc)
    assertThat(RcEdit.append("", "x x")).isEqualTo("x x");
  }

  @Test
  void removeRebuildsTheList() {
    assertThat(RcEdit.remove("item1 item2", "item2")).isEqualTo("item1");
    assertThat(RcEdit.remove("item1", "item1")).isEmpty();
    assertThat(RcEdit.remove("", "item3")).isEmpty();
    assertThat(RcEdit.remove("a  b\tc", "b")).isEqualTo("a c");
    assertThat(RcEdit.remove("a b c", "c a")).isEqualTo("b");
  }

  @Test
  void aNonAlphanumericFirstCharacterIsTheDelimiter() {
    assertThat(RcEdit.delimiter("x")).isEqualTo(' ');
    assertThat(RcEdit.delimiter("/etc")).isEqualTo(' ');
    assertThat(RcEdit.delimiter(".x")).isEqualTo(' ');
    assertThat(RcEdit.delimiter("\tx")).isEqualTo(' ');
    assertThat(RcEdit.delimiter("")).isEqualTo(' ');
    assertThat(RcEdit.delimiter(",x")).isEqualTo(',');
    assertThat(RcEdit.delimiter(":x")).isEqualTo(':');

    assertThat(RcEdit.append("", ",a,b")).isEqualTo("a,b");
    assertThat(RcEdit.append("a,b", ",b,c")).isEqualTo("a,b,c");
    assertThat(RcEdit.append("/bin:/usr/bin", ":/usr/local/bin"))
        .isEqualTo("/bin:/usr/bin:/usr/local/bin");
    // with a custom delimiter blanks are part of the items
    assertThat(RcEdit.append("a b", ",b")).isEqualTo("a b,b");
    assertThat(RcEdit.remove("a,b,,c,", ",b")).isEqualTo("a,c");
    assertThat(RcEdit.remove("/bin:/sbin", ":/sbin")).isEqualTo("/bin");
  }

  @Test
  void newValueFollowsTheOperation() {
    assertThat(RcEdit.parse("a=NO").newValue("YES")).isEqualTo("NO");
    assertThat(RcEdit.parse("a+=lo1").newValue("lo0")).isEqualTo("lo0 lo1");
    assertThat(RcEdit.parse("a-=lo0").newValue("lo0 lo1")).isEqualTo("lo1");
  }

  @Test
  void rcConfAppendAndSubtractEditOneDocument() {
    RcConf rc = RcConf.parse("cloned_interfaces=\"lo0\" # loopbacks\n");
    rc.append("cloned_interfaces", "lo1 lo0");
    assertThat(rc).hasToString("cloned_interfaces=\"lo0 lo1\" # loopbacks\n");
    rc.subtract("cloned_interfaces", "lo0");
    assertThat(rc).hasToString("cloned_interfaces=\"lo1\" # loopbacks\n");
    rc.subtract("kld_list", "vmm");
    assertThat(rc.get("kld_list")).contains("");
  }
}
