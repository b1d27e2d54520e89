package org.jail4j;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells the generated builder to accept a null map value instead of throwing {@code
 * NullPointerException}, so that the value check reports it as an {@link
 * InvalidJailParameterException} naming the parameter (Immutables recognises the simple name).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.CLASS)
@interface AllowNulls {}
