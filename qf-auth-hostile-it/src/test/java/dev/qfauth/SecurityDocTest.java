package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qfauth.testkit.QfDefect;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** docs/SECURITY.md lists every case the suite runs: each defect and each scenario test. */
final class SecurityDocTest {
  private static final List<Class<?>> SUITE =
      List.of(
          CallbackDefectsTest.class,
          IdTokenDefectsTest.class,
          KeyDefectsTest.class,
          TokenEndpointDefectsTest.class,
          DiscoveryDefectsTest.class,
          UserApiDefectsTest.class,
          BrowserSideTest.class,
          FaultsTest.class);

  @Test
  void securityDocListsEveryDefectAndEveryScenario() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "SECURITY.md"));
    List<String> missing = new ArrayList<>();
    for (QfDefect defect : QfDefect.values()) {
      if (!doc.contains("`" + defect.name() + "`")) {
        missing.add(defect.name());
      }
    }
    SUITE.stream()
        .flatMap(type -> Stream.of(type.getDeclaredMethods()))
        .filter(
            m ->
                m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class))
        .map(Method::getName)
        .filter(name -> !doc.contains("`" + name + "`"))
        .forEach(missing::add);
    assertEquals(List.of(), missing, "cases missing from docs/SECURITY.md");
  }
}
