package dev.qfauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Makes untrusted or sensitive text safe to put in a log line, a message or a page. */
final class Redaction {
  private Redaction() {}

  /**
   * Keeps at most {@code max} characters of {@code text} and replaces control characters, so a
   * provider's or attacker's string cannot forge log lines or flood a page.
   */
  static String printable(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(unsafe(c) ? ' ' : c);
    }
    if (text.length() > max) {
      out.append('…');
    }
    return out.toString();
  }

  /**
   * Control characters, and the invisible ones that forge or disguise a line: U+2028/U+2029 end a
   * line in many log viewers, bidi overrides (U+202E) and zero-width characters (format, Cf) change
   * what a reader sees.
   */
  private static boolean unsafe(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.FORMAT;
  }

  /** A short, one-way tag of a value (e.g. {@code state}) for correlating log lines. */
  static String tag(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Escapes text for an HTML element body or a double-quoted attribute. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
