/**
 * Internals of the fake kernel: the prison table, option parsing on raw iovecs, and the parameter
 * table; not exported.
 *
 * <p>The classes follow the seams of {@code sys/kern/kern_jail.c}:
 *
 * <ul>
 *   <li>{@link org.jail4j.testkit.internal.Kernel}: the prison tree and its invariants, the life
 *       cycle ({@code prison_deref}, {@code prison_proc_free}) and the lookups ({@code
 *       prison_find_name}, {@code prison_name}, {@code get_next_prid});
 *   <li>{@link org.jail4j.testkit.internal.CallerView}: the calling thread's prison and privilege;
 *   <li>{@link org.jail4j.testkit.internal.JailSet}: {@code kern_jail_set}, from the check order to
 *       the commit;
 *   <li>{@link org.jail4j.testkit.internal.SetRequest}: the option reading at the top of {@code
 *       kern_jail_set};
 *   <li>{@link org.jail4j.testkit.internal.SetChecks}: its checks against the parent ({@code
 *       prison_check_ip4}, {@code PR_METHOD_CHECK});
 *   <li>{@link org.jail4j.testkit.internal.PrisonUpdate}: its update of the prison and descendants
 *       ({@code prison_restrict_ip4});
 *   <li>{@link org.jail4j.testkit.internal.JailGet}: {@code kern_jail_get};
 *   <li>{@link org.jail4j.testkit.internal.JailRemoveAttach}: {@code sys_jail_remove}, {@code
 *       sys_jail_attach} and the 15.0 descriptor calls;
 *   <li>{@link org.jail4j.testkit.internal.Options}: {@code vfs_buildopts} / {@code vfs_getopt};
 *   <li>{@link org.jail4j.testkit.internal.ParamTable}: the {@code SYSCTL_JAIL_PARAM} table, built
 *       from {@link org.jail4j.param.JailParam} (release, module, VIMAGE) with the fake's switches.
 * </ul>
 */
@NullMarked
package org.jail4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
