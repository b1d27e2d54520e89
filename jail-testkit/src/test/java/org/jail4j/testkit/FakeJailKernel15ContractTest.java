package org.jail4j.testkit;

import org.jail4j.FreeBsdVersion;

/** The contract against the fake kernel modelling FreeBSD 15.x. */
class FakeJailKernel15ContractTest extends FakeKernelContract {
  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V15;
  }
}
