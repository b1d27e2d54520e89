package org.example.webjail;

import org.jail4j.spi.JailKernel;
import org.jail4j.testkit.FakeJailKernel;
import org.jail4j.testkit.PathCheck;
import org.jail4j.testkit.contract.JailKernelContract;

// docs/TESTKIT.md, "Running the contract against another provider": subclass it and return your
// kernel (here the fake, so that every JUnit version and path mode runs the contract's cases)
class FakeKernelContractTest extends JailKernelContract {
  @Override
  protected JailKernel kernel() {
    return FakeJailKernel.builder().paths(PathCheck.realFileSystem()).build();
  }
}
