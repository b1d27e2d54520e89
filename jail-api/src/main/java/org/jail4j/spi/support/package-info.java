/**
 * Ready-made pieces for provider authors, as SLF4J's {@code org.slf4j.helpers} is for logging
 * backends: {@link org.jail4j.spi.support.IpLiterals} parses and prints address literals without a
 * name lookup. Applications need nothing here; the contract itself is {@link org.jail4j.spi}.
 */
@NullMarked
package org.jail4j.spi.support;

import org.jspecify.annotations.NullMarked;
