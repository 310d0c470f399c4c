package dev.qfauth;

/** The configuration is missing or invalid. Thrown at start-up; the message names the setting. */
public final class QfConfigException extends QfAuthException {
  private static final long serialVersionUID = 1L;

  QfConfigException(String message) {
    super(QfErrorCode.CONFIGURATION, message);
  }
}
