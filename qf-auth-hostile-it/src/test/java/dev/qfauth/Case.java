package dev.qfauth;

import dev.qfauth.testkit.QfDefect;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/** One defect on one container, named after what the suite checks. */
record Case(QfDefect defect, Containers.Kind kind, String outcome) {

  /**
   * The defects of {@code family} with {@code expectation}, on both containers; {@code code} gives
   * the filter's answer (null: it signs in).
   */
  static Stream<Case> of(
      QfDefect.Family family,
      QfDefect.Expectation expectation,
      Function<QfDefect, QfErrorCode> code) {
    return of(family, expectation, code, Containers.Kind.values());
  }

  static Stream<Case> of(
      QfDefect.Family family,
      QfDefect.Expectation expectation,
      Function<QfDefect, QfErrorCode> code,
      Containers.Kind... kinds) {
    return QfDefect.of(family).stream()
        .filter(d -> d.expectation() == expectation)
        .flatMap(d -> Stream.of(kinds).map(k -> new Case(d, k, outcome(code.apply(d)))));
  }

  private static String outcome(QfErrorCode code) {
    return code == null ? "still works" : "refused as " + code.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return defect + " " + outcome + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
  }
}
