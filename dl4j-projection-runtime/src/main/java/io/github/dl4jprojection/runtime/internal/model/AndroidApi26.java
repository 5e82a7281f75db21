package io.github.dl4jprojection.runtime.internal.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that needs Android API level 26 (Android 8.0), where {@code java.nio.file} arrived, while the rest
 * of the runtime runs from API level 21: the build's Android signature check (animal-sniffer) skips it. Each such
 * method has a counterpart for older Android, named in its Javadoc.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface AndroidApi26 {
}
