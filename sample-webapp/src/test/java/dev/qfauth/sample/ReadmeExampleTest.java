package dev.qfauth.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/TESTING.md and the testkit README show {@link HostAppExampleTest} verbatim (all but its
 * package line), so the example readers copy is the one that compiles and passes here.
 */
final class ReadmeExampleTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

  @ParameterizedTest
  @ValueSource(strings = {"docs/TESTING.md", "qf-auth-testkit/README.md"})
  void readmeShowsHostAppExampleTestVerbatim(String readme) throws IOException {
    String source =
        Files.readString(MODULE.resolve("src/test/java/dev/qfauth/sample/HostAppExampleTest.java"));
    String example = source.substring(source.indexOf("import "));
    String text = Files.readString(MODULE.resolve("..").resolve(readme));

    assertTrue(
        text.contains("```java\n" + example + "```\n"),
        readme + " must show HostAppExampleTest.java, from its imports on, in a java block");
  }
}
