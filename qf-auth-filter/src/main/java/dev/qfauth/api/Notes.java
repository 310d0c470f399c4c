package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The user's notes ({@code note} scope), paged with their own {@code cursor}/{@code limit} ({@link
 * NoteQuery}). Bodies are checked (6..10000 characters) before any request. Thread-safe.
 */
public final class Notes {
  private final QfApiClient api;

  public Notes(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** One page of notes; pass {@code endCursor()} to {@link NoteQuery#after} for the next. */
  @Calls(Operation.NOTES_LIST)
  public QfPage<Note> list(NoteQuery query) {
    QfApiRequest.Builder request = Operation.NOTES_LIST.request();
    query.applyTo(request);
    return Wire.page(api.send(request.build()), Note::from);
  }

  /** Every note, fetched page by page as the stream is read, at most {@code maxPages} pages. */
  public Stream<Note> stream(NoteQuery first, int maxPages) {
    return Pages.stream(first, maxPages, this::list, Notes::following);
  }

  /** The query for the notes after {@code page}, or null at the end or where the cursor loops. */
  private static NoteQuery following(NoteQuery asked, QfPage<Note> page) {
    String cursor = page.endCursor();
    return page.hasNextPage()
            && !page.items().isEmpty()
            && cursor != null
            && !cursor.equals(asked.cursor())
        ? asked.after(cursor)
        : null;
  }

  /** Creates a note; never retried (a retry could make two). */
  @Calls(Operation.NOTES_CREATE)
  public Note create(NewNote note) {
    return Note.from(
        Wire.data(api.send(Operation.NOTES_CREATE.request().body(note.requestBody()).build())));
  }

  /**
   * One note.
   *
   * @throws dev.qfauth.QfApiException {@code API_NOT_FOUND} when there is no such note
   */
  @Calls(Operation.NOTES_GET)
  public Note get(String noteId, boolean withAttachedEntities) {
    QfApiRequest request =
        Operation.NOTES_GET
            .request(noteId)
            .query("withAttachedEntities", withAttachedEntities ? true : null)
            .build();
    return Note.from(Wire.data(api.send(request)));
  }

  /** The notes on {@code verse}. */
  @Calls(Operation.NOTES_BY_VERSE)
  public List<Note> onVerse(VerseKey verse) {
    // The API document declares verseKey both in the path and as a query parameter: send both.
    QfApiRequest request =
        Operation.NOTES_BY_VERSE
            .request(verse.toString())
            .query("verseKey", verse.toString())
            .build();
    return notes(request);
  }

  /** The notes attached to {@code entity}. */
  @Calls(Operation.NOTES_BY_ATTACHED_ENTITY)
  public List<Note> attachedTo(AttachedEntity entity) {
    QfApiRequest.Builder request = Operation.NOTES_BY_ATTACHED_ENTITY.request();
    entity.body().forEach(request::query); // its entityId and entityType
    return notes(request.build());
  }

  /** The notes on ayahs within {@code range}. */
  @Calls(Operation.NOTES_BY_RANGE)
  public List<Note> inRange(VerseRange range) {
    return notes(within(Operation.NOTES_BY_RANGE, range));
  }

  /** How many notes each ayah within {@code range} has (ayahs without notes are absent). */
  @Calls(Operation.NOTES_COUNT_WITHIN_RANGE)
  public Map<VerseKey, Integer> countsInRange(VerseRange range) {
    JsonNode data = Wire.data(api.send(within(Operation.NOTES_COUNT_WITHIN_RANGE, range)));
    Map<VerseKey, Integer> counts = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    data.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      try {
        counts.put(VerseKey.parse(key), data.get(key).asInt());
      } catch (IllegalArgumentException skipped) {
        // tolerated: a key this SDK cannot read
      }
    }
    return java.util.Collections.unmodifiableMap(counts);
  }

  /** Replaces a note's body; returns the note. */
  @Calls(Operation.NOTES_UPDATE)
  public Note update(String noteId, String body) {
    return Note.from(
        Wire.data(
            api.send(
                Operation.NOTES_UPDATE
                    .request(noteId)
                    .body(Map.of("body", Note.checkBody(body)))
                    .build())));
  }

  @Calls(Operation.NOTES_DELETE)
  public void delete(String noteId) {
    api.send(Operation.NOTES_DELETE.request(noteId).build());
  }

  /**
   * Publishes a note to QuranReflect as a post with {@code body} and {@code ranges}. Never retried:
   * a retry could post twice.
   */
  @Calls(Operation.NOTES_PUBLISH)
  public PublishedNote publish(String noteId, String body, List<VerseRange> ranges) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("body", Note.checkBody(body));
    if (ranges != null && !ranges.isEmpty()) {
      request.put("ranges", ranges.stream().map(VerseRange::toString).toList());
    }
    return PublishedNote.from(
        Wire.data(api.send(Operation.NOTES_PUBLISH.request(noteId).body(request).build())));
  }

  /** {@code operation} over the ayahs {@code from}..{@code to} of {@code range}. */
  private static QfApiRequest within(Operation operation, VerseRange range) {
    return operation
        .request()
        .query("from", range.from().toString())
        .query("to", range.to().toString())
        .build();
  }

  private List<Note> notes(QfApiRequest request) {
    return List.copyOf(Wire.list(Wire.data(api.send(request)), Note::from));
  }
}
