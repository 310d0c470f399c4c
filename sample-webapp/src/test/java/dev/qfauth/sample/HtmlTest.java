package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class HtmlTest {
  @Test
  void escape_markupAndQuotes_escaped() {
    assertEquals(
        "&lt;script&gt;alert(&quot;x&quot;&amp;&#39;y&#39;)&lt;/script&gt;",
        Html.escape("<script>alert(\"x\"&'y')</script>"));
  }
}
