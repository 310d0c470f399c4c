package dev.qfauth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK against QF's API document (docs/openapi/user-related-apis-v1.json: the operations,
 * parameters and bounds of QF's published spec, without its descriptions and examples): every
 * operation under /auth/v1 and the user's own profile has a row in {@link Operation} and a public
 * typed method that sends it, and each row agrees with the document on x-timezone and page bounds.
 * A new operation in the document fails here until it is typed.
 */
final class OperationCoverageTest {
  private static final Path SPEC =
      Path.of(System.getProperty("basedir", "."))
          .resolve("..")
          .resolve("docs/openapi/user-related-apis-v1.json");
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final List<Class<?>> FAMILIES =
      List.of(
          BookmarkCollections.class,
          Bookmarks.class,
          ReadingSessions.class,
          ActivityDays.class,
          Goals.class,
          Streaks.class,
          Preferences.class,
          Notes.class,
          Profile.class);

  /** "GET /auth/v1/bookmarks" -> the document's operation object. */
  private static final Map<String, JsonNode> documented = new LinkedHashMap<>();

  private static JsonNode spec;

  @BeforeAll
  static void readSpec() throws IOException {
    spec = new ObjectMapper().readTree(SPEC.toFile());
    Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        String base = serverPath(op.getValue().path("servers"));
        String full = base + path.getKey();
        if (base.equals("/auth") || full.equals("/quran-reflect/v1/users/profile")) {
          documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + full, op.getValue());
        }
      }
    }
  }

  /** The path of the operation's server, or of the document's default server. */
  private static String serverPath(JsonNode servers) {
    JsonNode list = servers.isArray() && servers.size() > 0 ? servers : spec.path("servers");
    return java.net.URI.create(list.get(0).path("url").asText()).getPath();
  }

  private static String key(Operation op) {
    return op.method + " " + op.path;
  }

  @Test
  void spec_hasTheAuthV1FamiliesAndTheProfile() {
    // Guards the reading above: 40 operations under /auth/v1 and 3 on the profile.
    assertEquals(43, documented.size(), documented.keySet().toString());
  }

  @Test
  void everyDocumentedOperation_hasARow() {
    Set<String> rows = new TreeSet<>();
    for (Operation op : Operation.values()) {
      rows.add(key(op));
    }
    Set<String> missing = new TreeSet<>(documented.keySet());
    missing.removeAll(rows);
    assertTrue(missing.isEmpty(), "operations without a typed method: " + missing);
    Set<String> extra = new TreeSet<>(rows);
    extra.removeAll(documented.keySet());
    assertTrue(extra.isEmpty(), "rows for operations the document does not have: " + extra);
  }

  @Test
  void everyRow_isSentByAPublicTypedMethod() {
    Set<Operation> called = EnumSet.noneOf(Operation.class);
    List<String> hidden = new ArrayList<>();
    for (Class<?> family : FAMILIES) {
      for (Method method : family.getDeclaredMethods()) {
        Calls calls = method.getAnnotation(Calls.class);
        if (calls == null) {
          continue;
        }
        if (!Modifier.isPublic(method.getModifiers())) {
          hidden.add(family.getSimpleName() + "." + method.getName());
        }
        called.add(calls.value());
      }
    }
    Set<Operation> uncalled = EnumSet.complementOf(EnumSet.copyOf(called));
    assertTrue(uncalled.isEmpty(), "rows no typed method sends: " + uncalled);
    assertTrue(hidden.isEmpty(), "typed methods that are not public: " + hidden);
  }

  @Test
  void timeZone_isSentExactlyWhereTheDocumentAcceptsIt() {
    for (Operation op : Operation.values()) {
      boolean accepts = parameter(documented.get(key(op)), "header", "x-timezone") != null;
      assertEquals(accepts, op.timeZone, op + " x-timezone");
    }
  }

  @Test
  void pageBounds_matchTheDocument() {
    for (Operation op : Operation.values()) {
      JsonNode doc = documented.get(key(op));
      JsonNode first = parameter(doc, "query", "first");
      JsonNode last = parameter(doc, "query", "last");
      JsonNode limit = parameter(doc, "query", "limit");
      boolean pagedAnswer = hasPagination(doc);
      if (op.paging == Operation.Paging.RELAY) {
        assertEquals(
            PageRequest.MAX_SIZE, first.path("schema").path("maximum").asInt(), op + " first");
        assertEquals(1, first.path("schema").path("minimum").asInt(), op + " first");
        assertEquals(
            PageRequest.MAX_SIZE, last.path("schema").path("maximum").asInt(), op + " last");
      } else if (op.paging == Operation.Paging.CURSOR_LIMIT) {
        assertEquals(
            NoteQuery.MAX_LIMIT, limit.path("schema").path("maximum").asInt(), op + " limit");
        assertEquals(1, limit.path("schema").path("minimum").asInt(), op + " limit");
        assertTrue(parameter(doc, "query", "cursor") != null, op + " cursor");
      } else {
        assertFalse(
            first != null && pagedAnswer, op + " pages with first/after but is typed unpaged");
        assertFalse(limit != null, op + " pages with cursor/limit but is typed unpaged");
      }
    }
  }

  @Test
  void retries_neverRepeatAnAddingPost() {
    Set<Operation> adding =
        EnumSet.of(
            Operation.COLLECTIONS_CREATE,
            Operation.COLLECTIONS_ADD_BOOKMARK,
            Operation.ACTIVITY_DAYS_RECORD,
            Operation.GOALS_CREATE,
            Operation.NOTES_CREATE,
            Operation.NOTES_PUBLISH);
    for (Operation op : Operation.values()) {
      boolean safeVerb = Set.of("GET", "PUT", "DELETE").contains(op.method);
      if (safeVerb) {
        assertTrue(op.idempotent, op + " is " + op.method + ": retried");
      }
      if (adding.contains(op)) {
        assertFalse(op.idempotent, op + " adds or counts: never retried");
      }
    }
  }

  @Test
  void everyRow_namesAScopeOfItsFamily() {
    for (Operation op : Operation.values()) {
      assertTrue(op.scope.matches("[a-z_]+(\\.[a-z_]+)+"), op + " scope " + op.scope);
    }
  }

  private static JsonNode parameter(JsonNode op, String in, String name) {
    for (JsonNode p : op.path("parameters")) {
      JsonNode resolved = resolve(p);
      if (in.equals(resolved.path("in").asText()) && name.equals(resolved.path("name").asText())) {
        return resolved;
      }
    }
    return null;
  }

  private static boolean hasPagination(JsonNode op) {
    JsonNode schema =
        resolve(op.path("responses").path("200"))
            .path("content")
            .path("application/json")
            .path("schema");
    return resolve(schema).path("properties").has("pagination");
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode out = node;
    while (out.has("$ref")) {
      out = spec.at(out.get("$ref").asText().substring(1));
    }
    return out;
  }
}
