package dev.qfauth.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The operation a typed method sends: the coverage test finds every row of the table here. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Calls {
  Operation value();
}
