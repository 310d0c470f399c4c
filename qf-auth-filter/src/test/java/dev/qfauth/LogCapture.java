package dev.qfauth;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures everything logged through java.util.logging (where System.Logger goes by default), at
 * every level, formatted as a real handler would print it, so tests can search the text.
 */
final class LogCapture implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Logger ours = Logger.getLogger("dev.qfauth");
  private final Level previous = ours.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final List<String> loggers = new ArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String text = formatter.format(record);
          synchronized (lines) {
            lines.add(text);
            loggers.add(String.valueOf(record.getLoggerName()));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  LogCapture() {
    handler.setLevel(Level.ALL);
    ours.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  String text() {
    synchronized (lines) {
      return String.join("", lines);
    }
  }

  /** The text of the records whose logger name passes {@code logger}. */
  String text(java.util.function.Predicate<String> logger) {
    StringBuilder out = new StringBuilder();
    synchronized (lines) {
      for (int i = 0; i < lines.size(); i++) {
        if (logger.test(loggers.get(i))) {
          out.append(lines.get(i));
        }
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    ours.setLevel(previous);
  }
}
