package dev.qfauth.sample;

import dev.qfauth.QfApiException;
import dev.qfauth.QfPage;
import dev.qfauth.QfUserContext;
import dev.qfauth.api.Bookmark;
import dev.qfauth.api.BookmarkCollection;
import dev.qfauth.api.BookmarkCollections;
import dev.qfauth.api.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.owasp.encoder.Encode;

/**
 * {@code /collections}: the first page of the user's collections, each with its bookmarks, from the
 * User API ({@code collection} scope; hidden with a note when the user withheld it). An API refusal
 * is a normal outcome here: the page says what happened and what to do, with the API's status.
 */
public final class CollectionsServlet extends UserApiPage {

  public CollectionsServlet() {
    super("Your collections");
  }

  @Override
  void show(HttpServletRequest request, HttpServletResponse response, QfUserContext user)
      throws IOException {
    if (!user.hasScope("collection.read")) {
      SamplePages.page(
          request,
          response,
          HttpServletResponse.SC_OK,
          title(),
          SamplePages.withheld("collections-withheld", "Collections", "collection") + "\n");
      return;
    }
    BookmarkCollections collections = user.api().collections();
    QfPage<BookmarkCollection> page;
    Map<String, List<Bookmark>> items = new LinkedHashMap<>();
    try {
      page = collections.list(PageRequest.first(SamplePages.PAGE_SIZE));
      for (BookmarkCollection c : page.items()) {
        if (c.id() != null) {
          items.put(
              c.id(),
              collections
                  .get(
                      c.id(),
                      PageRequest.first(SamplePages.PAGE_SIZE),
                      BookmarkCollections.ItemOrder.VERSE_KEY)
                  .bookmarks()
                  .items());
        }
      }
    } catch (QfApiException e) {
      String what =
          e.remoteStatus() == 403
              ? "Quran.Foundation refused to list your collections"
              : "Your collections could not be loaded";
      SamplePages.failed(request, response, title(), "", what, e);
      return;
    }
    SamplePages.page(
        request, response, HttpServletResponse.SC_OK, title(), list(page, items) + "\n");
  }

  private static String list(QfPage<BookmarkCollection> page, Map<String, List<Bookmark>> items) {
    if (page.items().isEmpty()) {
      return "<p id=\"no-collections\">You have no collections yet.</p>";
    }
    StringBuilder html = new StringBuilder("<ul id=\"collections\">\n");
    for (BookmarkCollection c : page.items()) {
      String id = c.id() == null ? "" : c.id();
      html.append("<li data-id=\"")
          .append(Encode.forHtmlAttribute(id))
          .append("\">")
          .append(Encode.forHtml(c.name() == null ? "(unnamed)" : c.name()))
          .append(" <small>id <code>")
          .append(Encode.forHtml(id))
          .append("</code>, ")
          .append(c.bookmarksCount())
          .append(" bookmarks</small>");
      List<Bookmark> bookmarks = items.getOrDefault(id, List.of());
      if (!bookmarks.isEmpty()) {
        html.append("\n<ul class=\"collection-bookmarks\">");
        for (Bookmark b : bookmarks) {
          html.append("<li>").append(Encode.forHtml(BookmarksServlet.label(b))).append("</li>");
        }
        html.append("</ul>");
      }
      html.append("</li>\n");
    }
    html.append("</ul>");
    if (page.hasNextPage()) {
      html.append("\n<p>Showing the first ").append(SamplePages.PAGE_SIZE).append(".</p>");
    }
    return html.toString();
  }
}
