package org.jail4j.examples;

import org.jail4j.JailHost;
import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.contract.JailKernelContract;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

// The contract run docs/TESTKIT.md shows (DocSnippetsTest checks the text): on FreeBSD, with
// -Djail4j.contract.native=true, it runs the provider contract against JailHost.local().
// snippet testkit-contract spotless:off
@EnabledOnOs(OS.FREEBSD)
@EnabledIfSystemProperty(named = "jail4j.contract.native", matches = "true")
class NativeKernelContractTest extends JailKernelContract {
  @Override
  protected JailKernel kernel() {
    return JailHost.local().kernel();
  }
}
// end snippet spotless:on
