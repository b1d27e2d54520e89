/**
 * jls(8) for jail4j: {@link org.jail4j.jls.JlsCommand} parses a jls command line as jls.c does and
 * {@link org.jail4j.jls.JailListing} prints a list of jails in jls's layouts and JSON.
 */
@NullMarked
package org.jail4j.jls;

import org.jspecify.annotations.NullMarked;
