package org.jail4j.root;

/**
 * The owner and mode an archive entry asked for, recorded when extraction did not apply owners (the
 * JVM was not root, or {@link OwnerPolicy#RECORD}).
 *
 * <pre>{@code
 * for (EntryOwner o : report.owners()) {
 *   System.out.printf("%s %d:%d %o%n", o.path(), o.uid(), o.gid(), o.mode());
 * }
 * }</pre>
 *
 * @param path the path inside the root, without a leading slash (empty for the root itself)
 * @param uid the numeric user id
 * @param gid the numeric group id
 * @param mode the permission bits including set-user-id, set-group-id and sticky
 */
public record EntryOwner(String path, long uid, long gid, int mode) {}
