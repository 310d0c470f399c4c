package dev.qfauth.api;

import dev.qfauth.QfApiClient;
import dev.qfauth.QfApiRequest;
import dev.qfauth.QfPage;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the user last read ({@code reading_session} scope): locations only, no reading time (that
 * is {@link ActivityDays}). Thread-safe.
 */
public final class ReadingSessions {
  private final QfApiClient api;

  public ReadingSessions(QfApiClient api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  /** One page of reading sessions, most recent first. */
  @Calls(Operation.READING_SESSIONS_LIST)
  public QfPage<ReadingSession> list(PageRequest page) {
    QfApiRequest.Builder request = Operation.READING_SESSIONS_LIST.request();
    page.applyTo(request);
    return Wire.page(api.send(request.build()), ReadingSession::from);
  }

  public Stream<ReadingSession> stream(int pageSize, int maxPages) {
    return Pages.stream(PageRequest.first(pageSize), maxPages, this::list);
  }

  /**
   * Records that the user reached {@code verse}: QF moves the session of the last 20 minutes there
   * or starts a new one.
   */
  @Calls(Operation.READING_SESSIONS_SAVE)
  public void save(VerseKey verse) {
    api.send(
        Operation.READING_SESSIONS_SAVE
            .request()
            .body(Map.of("chapterNumber", verse.chapter(), "verseNumber", verse.verse()))
            .build());
  }
}
