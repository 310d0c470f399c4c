package dev.qfauth.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a User API handler answers when {@code {success:true, data}} is not the whole story. */
record ApiReply(int status, Object body) {

  /** {@code {success:true, data, pagination}}, QF's paged list. */
  static ApiReply paged(Object data, Map<String, Object> pagination) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("data", data);
    body.put("pagination", pagination);
    return new ApiReply(200, body);
  }

  /** A page of {@code all} by QF's Relay-style cursors; 422 on bad paging parameters. */
  static ApiReply page(List<Map<String, Object>> all, Form query) {
    Paging.Result page = Paging.page(all, query);
    return paged(page.items(), page.pagination());
  }

  /** Every item of {@code all} as one page, for the lists the spec gives no paging parameters. */
  static ApiReply whole(List<Map<String, Object>> all) {
    Paging.Result page = Paging.slice(all, 0, all.size());
    return paged(page.items(), page.pagination());
  }

  /** A body as it is, unwrapped (QuranReflect's profile answers the object itself). */
  static ApiReply bare(Object body) {
    return new ApiReply(200, body);
  }

  /** {@code {message}}, the data of QF's acknowledgements ("collection deleted"). */
  static Map<String, Object> message(String message) {
    return Map.of("message", message);
  }

  /** The acknowledgement when the change {@code found} what it names, else 404. */
  static Map<String, Object> messageIfFound(boolean found, String message) {
    if (!found) {
      throw ApiProblem.notFound();
    }
    return message(message);
  }
}
