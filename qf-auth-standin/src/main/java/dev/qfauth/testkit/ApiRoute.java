package dev.qfauth.testkit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One User API operation: method, path template as the OpenAPI document spells it (under the
 * stand-in's API base, e.g. {@code /auth/v1/collections/{collectionId}}), the scope it needs, and
 * its handler, which answers {@code data} (wrapped as {@code {success:true, data}}) or a full
 * {@link ApiReply}.
 */
record ApiRoute(String method, String template, String scope, Function<ApiCall, Object> handler) {

  /**
   * The routes {@code family} declares with {@link Route} on its handlers, sorted by method and
   * template (reflection gives methods in no fixed order).
   */
  static List<ApiRoute> of(Object family) {
    List<ApiRoute> routes = new ArrayList<>();
    for (Method method : family.getClass().getDeclaredMethods()) {
      Route route = method.getAnnotation(Route.class);
      if (route != null) {
        routes.add(
            new ApiRoute(route.method(), route.path(), route.scope(), handler(family, method)));
      }
    }
    routes.sort(Comparator.comparing(ApiRoute::toString));
    return routes;
  }

  private static Function<ApiCall, Object> handler(Object family, Method method) {
    MethodHandle handle;
    try {
      handle =
          MethodHandles.privateLookupIn(family.getClass(), MethodHandles.lookup())
              .unreflect(method)
              .bindTo(family);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call the handler " + method, e);
    }
    return call -> {
      try {
        return handle.invoke(call);
      } catch (RuntimeException | Error e) {
        throw e; // ApiProblem among them, for UserApi to answer
      } catch (Throwable e) {
        throw new IllegalStateException(e); // handlers declare no checked exception
      }
    };
  }

  /** The template's segments, e.g. {@code [auth, v1, collections, {collectionId}]}. */
  List<String> segments() {
    return List.of(template.substring(1).split("/"));
  }

  /** The path variables when {@code path} fits the template, else null. */
  Map<String, String> match(List<String> path) {
    List<String> parts = segments();
    if (parts.size() != path.size()) {
      return null;
    }
    Map<String, String> variables = new java.util.LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith("{")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        variables.put(part.substring(1, part.length() - 1), path.get(i));
      } else if (!part.equals(path.get(i))) {
        return null;
      }
    }
    return variables;
  }

  /** Literal segments; the route with more wins, so {@code /collections/all} beats {@code {id}}. */
  long literals() {
    return segments().stream().filter(s -> !s.startsWith("{")).count();
  }

  @Override
  public String toString() {
    return method + " " + template;
  }
}
