package dev.qfauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /auth/v1/notes}: the user's notes on verse ranges, with their own paging ({@code cursor}
 * is the id of the last note seen, {@code limit} 1 to 50, default 20; {@code sortBy} newest or
 * oldest), lookups by verse, range and attached reflection, edit, delete and publish.
 */
record NotesApi(UserStore store) {
  private static final String BASE = "/auth/v1/notes";
  private static final String NOTE = BASE + "/{noteId}";
  private static final int MIN_BODY = 6;
  private static final int MAX_BODY = 10_000;

  @Route(method = "GET", path = BASE, scope = "note.read")
  private Object list(ApiCall call) {
    String cursor = call.query().get("cursor");
    int limit = limit(call);
    String sortBy = call.choice("sortBy", List.of("newest", "oldest"), "newest");
    List<Map<String, Object>> all = notes(call, n -> true, true);
    if (sortBy.equals("oldest")) {
      java.util.Collections.reverse(all);
    }
    int start = 0;
    if (cursor != null) {
      start = Paging.indexOf(all, cursor) + 1;
      if (start == 0) {
        throw ApiProblem.invalid("The 'cursor' does not point at a note of this list.");
      }
    }
    Paging.Result page = Paging.slice(all, start, Math.min(all.size(), start + limit));
    return ApiReply.paged(page.items(), page.pagination());
  }

  @Route(method = "POST", path = BASE, scope = "note.create")
  private Object create(ApiCall call) {
    JsonNode body = call.body("body", "saveToQR", "attachedEntity", "ranges");
    String text = text(body);
    boolean saveToQr = ApiCall.bool(body, "saveToQR");
    List<String> ranges = ranges(body);
    Map<String, Object> entity = entity(body.get("attachedEntity"));
    Instant now = store.now();
    return store.with(
        call.username(),
        s -> {
          UserStore.Note note = new UserStore.Note(store.newId(), store.nextSeq(), now);
          note.body = text;
          note.ranges.addAll(ranges);
          if (entity != null) {
            note.attachedEntities.add(entity);
          }
          if (saveToQr) {
            note.postId = (int) note.seq;
          }
          s.notes.put(note.id, note);
          return json(note, true);
        });
  }

  @Route(method = "GET", path = BASE + "/by-verse/{verseKey}", scope = "note.read")
  private Object byVerse(ApiCall call) {
    int verse = Verses.position("verseKey", call.variable("verseKey"));
    Verses.Range at = new Verses.Range(verse, verse);
    return ApiReply.whole(notes(call, n -> overlaps(n, at), true));
  }

  @Route(method = "GET", path = BASE + "/by-attached-entity", scope = "note.read")
  private Object byEntity(ApiCall call) {
    String id = call.required("entityId");
    call.requiredChoice("entityType", List.of("reflection"));
    return notes(
        call, n -> n.attachedEntities.stream().anyMatch(e -> id.equals(e.get("entityId"))), true);
  }

  @Route(method = "GET", path = BASE + "/count-within-range", scope = "note.read")
  private Object count(ApiCall call) {
    Verses.Range range = between(call);
    return store.with(
        call.username(),
        s -> {
          Map<Integer, Integer> counts = new TreeMap<>();
          for (UserStore.Note note : s.notes.values()) {
            for (String raw : note.ranges) {
              Verses.Range r = Verses.range("ranges", raw);
              for (int v = Math.max(r.from(), range.from());
                  v <= Math.min(r.to(), range.to());
                  v++) {
                counts.merge(v, 1, Integer::sum);
              }
            }
          }
          Map<String, Object> json = new LinkedHashMap<>();
          counts.forEach((v, n) -> json.put(Verses.key(v), n));
          return json;
        });
  }

  @Route(method = "GET", path = BASE + "/by-range", scope = "note.read")
  private Object byRange(ApiCall call) {
    Verses.Range range = between(call);
    return notes(call, n -> overlaps(n, range), true);
  }

  @Route(method = "GET", path = NOTE, scope = "note.read")
  private Object get(ApiCall call) {
    Boolean with = call.bool("withAttachedEntities");
    return store.with(call.username(), s -> json(note(s, call), with == null || with));
  }

  @Route(method = "PATCH", path = NOTE, scope = "note.update")
  private Object update(ApiCall call) {
    JsonNode body = call.body("body", "saveToQR");
    String text = text(body);
    boolean saveToQr = ApiCall.present(body, "saveToQR") && ApiCall.bool(body, "saveToQR");
    Instant now = store.now();
    return store.with(
        call.username(),
        s -> {
          UserStore.Note note = note(s, call);
          note.body = text;
          note.updatedAt = now;
          if (saveToQr && note.postId == null) {
            note.postId = (int) note.seq;
          }
          return json(note, true);
        });
  }

  @Route(method = "DELETE", path = NOTE, scope = "note.delete")
  private Object delete(ApiCall call) {
    return store.with(
        call.username(),
        s -> {
          s.notes.remove(note(s, call).id);
          return Map.of("success", true);
        });
  }

  @Route(method = "POST", path = NOTE + "/publish", scope = "note.publish")
  private Object publish(ApiCall call) {
    JsonNode body = call.body("body", "ranges");
    String text = text(body);
    List<String> ranges = ranges(body);
    return store.with(
        call.username(),
        s -> {
          UserStore.Note note = note(s, call);
          note.body = text;
          if (!ranges.isEmpty()) {
            note.ranges.clear();
            note.ranges.addAll(ranges);
          }
          if (note.postId == null) {
            note.postId = (int) note.seq;
          }
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("success", true);
          json.put("postId", note.postId);
          return json;
        });
  }

  /** Adds a note directly, for seeding. */
  void seed(String username, String text, String range) {
    Instant now = store.now();
    store.with(
        username,
        s -> {
          UserStore.Note note = new UserStore.Note(store.newId(), store.nextSeq(), now);
          note.body = text;
          note.ranges.add(range);
          return s.notes.put(note.id, note);
        });
  }

  private List<Map<String, Object>> notes(
      ApiCall call, java.util.function.Predicate<UserStore.Note> filter, boolean entities) {
    return store.with(
        call.username(),
        s -> {
          List<UserStore.Note> list = new ArrayList<>(s.notes.values());
          list.removeIf(filter.negate());
          list.sort(Comparator.comparingLong((UserStore.Note n) -> n.seq).reversed());
          List<Map<String, Object>> json = new ArrayList<>();
          list.forEach(n -> json.add(json(n, entities)));
          return json;
        });
  }

  private static int limit(ApiCall call) {
    String raw = call.query().get("limit");
    if (raw == null) {
      return 20;
    }
    try {
      double limit = Double.parseDouble(raw);
      if (limit >= 1 && limit <= 50 && limit == Math.floor(limit)) {
        return (int) limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem
    }
    throw ApiProblem.invalid("'limit' must be a whole number from 1 to 50.");
  }

  private static Verses.Range between(ApiCall call) {
    int from = Verses.position("from", call.required("from"));
    int to = Verses.position("to", call.required("to"));
    if (from > to) {
      throw ApiProblem.invalid("'from' must not be after 'to'.");
    }
    return new Verses.Range(from, to);
  }

  private static boolean overlaps(UserStore.Note note, Verses.Range range) {
    return note.ranges.stream().anyMatch(r -> Verses.range("ranges", r).overlaps(range));
  }

  private static UserStore.Note note(UserStore.State s, ApiCall call) {
    UserStore.Note note = s.notes.get(call.variable("noteId"));
    if (note == null) {
      throw ApiProblem.notFound();
    }
    return note;
  }

  private static String text(JsonNode body) {
    String text = ApiCall.text(body, "body");
    if (text.strip().length() < MIN_BODY || text.length() > MAX_BODY) {
      throw ApiProblem.invalid(
          "'body' must be " + MIN_BODY + " to " + MAX_BODY + " characters long.");
    }
    return text;
  }

  private static List<String> ranges(JsonNode body) {
    List<String> ranges = new ArrayList<>();
    JsonNode node = body.get("ranges");
    if (node == null || node.isNull()) {
      return ranges;
    }
    if (!node.isArray()) {
      throw ApiProblem.invalid("'ranges' must be an array of verse ranges such as 2:255-2:257.");
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || !item.asText().matches(Verses.RANGE)) {
        throw ApiProblem.invalid("'ranges' items must look like 2:255-2:257.");
      }
      Verses.range("ranges", item.asText());
      ranges.add(item.asText());
    }
    return ranges;
  }

  private static Map<String, Object> entity(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ApiProblem.invalid("'attachedEntity' must be an object.");
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!List.of("entityId", "entityType", "entityMetadata").contains(name)) {
        throw ApiProblem.invalid("'attachedEntity." + name + "' is not allowed.");
      }
    }
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("entityId", ApiCall.text(node, "entityId"));
    entity.put("entityType", ApiCall.choice(node, "entityType", List.of("reflection")));
    if (node.has("entityMetadata")) {
      if (!node.get("entityMetadata").isObject()) {
        throw ApiProblem.invalid("'attachedEntity.entityMetadata' must be an object.");
      }
      entity.put(
          "entityMetadata", Responses.JSON.convertValue(node.get("entityMetadata"), Map.class));
    }
    return entity;
  }

  private static Map<String, Object> json(UserStore.Note note, boolean entities) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", note.id);
    json.put("createdAt", note.createdAt.toString());
    json.put("updatedAt", note.updatedAt.toString());
    json.put("body", note.body);
    json.put("source", "QF_STAND_IN");
    if (entities) {
      json.put("attachedEntities", List.copyOf(note.attachedEntities));
    }
    json.put("ranges", List.copyOf(note.ranges));
    return json;
  }
}
