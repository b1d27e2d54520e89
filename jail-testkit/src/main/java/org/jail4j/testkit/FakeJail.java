package org.jail4j.testkit;

/**
 * A snapshot of one jail of a {@link FakeJailKernel}, as the host (prison0) sees it, for assertions
 * in tests.
 *
 * <pre>{@code
 * FakeJail web = kernel.jails().get(0);
 * assertThat(web.name()).isEqualTo("web");
 * assertThat(web.dying()).isFalse();
 * }</pre>
 *
 * @param jid the JID
 * @param name the full dotted name as the host sees it
 * @param parentJid the parent's JID, 0 for a top-level jail
 * @param dying whether the jail is dying (removed or without user references, not yet freed)
 * @param persist whether {@code persist} is set
 * @param processCount how many fake processes are in the jail
 * @param childrenCur {@code children.cur}: live and dying descendants at every depth
 */
public record FakeJail(
    int jid,
    String name,
    int parentJid,
    boolean dying,
    boolean persist,
    int processCount,
    int childrenCur) {}
