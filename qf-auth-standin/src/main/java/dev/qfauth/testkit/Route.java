package dev.qfauth.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The User API operation a family's handler serves: method, path template as the OpenAPI document
 * spells it, and the scope it needs. The handler takes an {@link ApiCall} and answers as {@link
 * ApiRoute#handler()} describes; {@link ApiRoute#of} reads these once, when {@link UserApi} is
 * made.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Route {
  String method();

  String path();

  String scope();
}
