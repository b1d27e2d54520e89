package org.jail4j.root;

/**
 * An archive entry extraction deliberately did not create: device nodes and FIFOs (devfs provides
 * {@code /dev} in a jail, and a jail cannot use a device node it did not get from devfs), and entry
 * types tar knows but a root does not need.
 *
 * <pre>{@code
 * report.skipped().forEach(s -> System.out.println(s.name() + " (" + s.type() + "): " + s.reason()));
 * }</pre>
 *
 * @param name the entry name as in the archive
 * @param type {@code character device}, {@code block device}, {@code fifo} or the tar type flag
 * @param reason why it was skipped
 */
public record SkippedEntry(String name, String type, String reason) {}
