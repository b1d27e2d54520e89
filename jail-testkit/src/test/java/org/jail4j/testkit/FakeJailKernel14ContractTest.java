package org.jail4j.testkit;

import org.jail4j.FreeBsdVersion;

/** The contract against the fake kernel modelling FreeBSD 14.x. */
class FakeJailKernel14ContractTest extends FakeKernelContract {
  @Override
  FreeBsdVersion modelled() {
    return FreeBsdVersion.V14;
  }
}
