package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfUserContext;
import dev.qfauth.api.Bookmark;
import dev.qfauth.api.BookmarkTarget;
import dev.qfauth.api.VerseKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.owasp.encoder.Encode;

/**
 * {@code /bookmarks}: every bookmark of the user (ayah, surah, juz and page), a form that bookmarks
 * the ayah you type ({@code 2:255}) and a remove button per bookmark, all through {@link
 * QfUserContext#api()}. Each part shows only when the user granted its {@code bookmark} scope.
 * POSTs must come from this app's own pages ({@link SamplePages#sameOrigin}) and answer with a
 * redirect back here (POST/redirect/GET).
 */
public final class BookmarksServlet extends UserApiPage {
  private static final int MAX_PAGES_PER_TYPE = 5;

  public BookmarksServlet() {
    super("Your bookmarks");
  }

  @Override
  void show(HttpServletRequest request, HttpServletResponse response, QfUserContext user)
      throws IOException {
    render(request, response, HttpServletResponse.SC_OK, user, "");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<QfUserContext> user = SamplePages.userOrSignIn(request, response, title());
    if (user.isEmpty()) {
      return;
    }
    if (!SamplePages.sameOrigin(request)) {
      SamplePages.page(
          request,
          response,
          HttpServletResponse.SC_FORBIDDEN,
          title(),
          "<p id=\"bookmark-error\">This form was sent from another"
              + " site; nothing was changed.</p>\n");
      return;
    }
    QfUserContext u = user.get();
    String verse = request.getParameter("verse");
    String remove = request.getParameter("remove");
    try {
      if (verse != null) {
        VerseKey key;
        try {
          key = VerseKey.parse(verse.strip());
        } catch (IllegalArgumentException e) {
          render(
              request,
              response,
              HttpServletResponse.SC_BAD_REQUEST,
              u,
              "<p id=\"bookmark-error\">"
                  + Encode.forHtml(
                      "'" + verse + "' is not an ayah: type chapter:verse, such as 2:255.")
                  + "</p>\n");
          return;
        }
        u.api().bookmarks().save(BookmarkTarget.ayah(key, SamplePages.MUSHAF));
      } else if (remove != null && !remove.isBlank()) {
        u.api().bookmarks().delete(remove);
      }
    } catch (QfApiException e) {
      render(
          request,
          response,
          e.httpStatus(),
          u,
          SamplePages.failure("Your bookmark could not be changed", e) + "\n");
      return;
    }
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + "/bookmarks");
  }

  private void render(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      QfUserContext user,
      String notice)
      throws IOException {
    StringBuilder body = new StringBuilder(notice);
    if (!user.hasScope("bookmark.read")) {
      body.append(SamplePages.withheld("bookmarks-withheld", "Bookmarks", "bookmark"));
    } else {
      String action = Encode.forHtml(request.getContextPath()) + "/bookmarks";
      if (user.hasScope("bookmark.create")) {
        body.append("<form id=\"add-bookmark\" method=\"post\" action=\"")
            .append(action)
            .append("\">\n<label>Ayah <input id=\"verse\" name=\"verse\" placeholder=\"2:255\"")
            .append(" required></label>\n<button id=\"add\" type=\"submit\">Bookmark it</button>")
            .append("\n</form>\n");
      }
      List<Bookmark> bookmarks;
      try {
        bookmarks =
            user.api()
                .bookmarks()
                .streamEveryType(SamplePages.MUSHAF, SamplePages.PAGE_SIZE, MAX_PAGES_PER_TYPE)
                .toList();
      } catch (QfApiException e) {
        SamplePages.failed(
            request, response, title(), body, "Your bookmarks could not be loaded", e);
        return;
      }
      body.append(list(bookmarks, action, user.hasScope("bookmark.delete")));
    }
    body.append('\n');
    SamplePages.page(request, response, status, title(), body.toString());
  }

  private static String list(List<Bookmark> bookmarks, String action, boolean removable) {
    if (bookmarks.isEmpty()) {
      return "<p id=\"no-bookmarks\">You have no bookmarks yet.</p>";
    }
    StringBuilder html = new StringBuilder("<ul id=\"bookmarks\">\n");
    for (Bookmark b : bookmarks) {
      String id = Encode.forHtml(b.id() == null ? "" : b.id());
      html.append("<li data-id=\"").append(id).append("\">").append(Encode.forHtml(label(b)));
      if (removable && !id.isEmpty()) {
        html.append(" <form method=\"post\" action=\"")
            .append(action)
            .append("\" style=\"display:inline\"><input type=\"hidden\" name=\"remove\" value=\"")
            .append(id)
            .append("\"><button type=\"submit\" class=\"remove\">Remove</button></form>");
      }
      html.append("</li>\n");
    }
    return html.append("</ul>").toString();
  }

  /** "Ayah 2:255", "Surah 18", "Juz 30", "Page 604". */
  static String label(Bookmark b) {
    if (b.type() == null) {
      return "Bookmark " + b.key();
    }
    return switch (b.type()) {
      case AYAH -> "Ayah " + b.verseKey().map(VerseKey::toString).orElse(b.key() + ":?");
      case SURAH -> "Surah " + b.key();
      case JUZ -> "Juz " + b.key();
      case PAGE -> "Page " + b.key();
    };
  }
}
