package dev.qfauth.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the build made: no jakarta left in the javax jars, nothing unrelocated in the all jars (this
 * module's and qf-auth-filter's, made by the same shade execution).
 */
final class TransformedJarsIT {
  private static final String BUILD = System.getProperty("qf.build", "target");
  private static final String VERSION = System.getProperty("qf.version");
  private static final Path JAR = Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + ".jar");
  private static final Path ALL = Path.of(BUILD, "qf-auth-filter-javax-" + VERSION + "-all.jar");
  private static final Path JAKARTA_ALL = Path.of(System.getProperty("qf.jakartaAllJar"));

  /** A jakarta package in a class file (jakarta/servlet/...) or in text (jakarta.servlet...). */
  private static final Pattern JAKARTA = Pattern.compile("jakarta[./][a-z]");

  /**
   * A reference to a dependency's own package from a class file: class references and descriptors
   * always use the slash form (the dotted form shows up in messages, such as Jackson's hint to
   * "extend 'com.fasterxml.jackson.databind.ser.std.StdSerializer'").
   */
  private static final Pattern UNRELOCATED_IN_CLASS =
      Pattern.compile(
          "com/fasterxml/jackson|com/nimbusds|com/github/benmanes|org/jspecify|com/google/errorprone");

  /** The same packages in a resource (service files, descriptors): the dotted form. */
  private static final Pattern UNRELOCATED_IN_RESOURCE =
      Pattern.compile(
          "com\\.fasterxml\\.jackson|com\\.nimbusds|com\\.github\\.benmanes|org\\.jspecify"
              + "|com\\.google\\.errorprone");

  @Test
  void javaxJar_everyClassAndResource_namesNoJakartaPackage() throws IOException {
    assertEquals(List.of(), entriesMatching(JAR, JAKARTA));
  }

  @Test
  void javaxJar_webFragment_isAServlet40Descriptor() throws IOException {
    String fragment = text(JAR, "META-INF/web-fragment.xml");

    assertTrue(fragment.contains("xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\""), fragment);
    assertTrue(fragment.contains("/web-fragment_4_0.xsd\""), fragment);
    assertTrue(fragment.contains("version=\"4.0\""), fragment);
    assertTrue(fragment.contains("<filter-class>dev.qfauth.QfAuthFilter</filter-class>"));
  }

  @Test
  void javaxJar_filterClass_implementsTheJavaxFilter() throws IOException {
    String filter = text(JAR, "dev/qfauth/QfAuthFilter.class");

    assertTrue(filter.contains("javax/servlet/Filter"));
    assertTrue(filter.contains("javax/servlet/http/HttpServletRequest"));
  }

  static List<Path> allJars() {
    return List.of(ALL, JAKARTA_ALL);
  }

  @ParameterizedTest
  @MethodSource("allJars")
  void allJar_everyClass_isUnderDevQfauth(Path all) throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = new JarFile(all.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith(".class") && !name.startsWith("dev/qfauth/")) {
          outside.add(name);
        }
      }
    }
    assertEquals(List.of(), outside);
  }

  @ParameterizedTest
  @MethodSource("allJars")
  void allJar_classesAndResources_referenceNoUnrelocatedDependency(Path all) throws IOException {
    List<String> classHits = entriesMatching(all, UNRELOCATED_IN_CLASS);
    classHits.removeIf(hit -> !hit.contains(".class: "));
    List<String> resourceHits = entriesMatching(all, UNRELOCATED_IN_RESOURCE);
    resourceHits.removeIf(hit -> hit.contains(".class: "));

    assertEquals(List.of(), classHits);
    assertEquals(List.of(), resourceHits);
  }

  @Test
  void javaxAllJar_namesNoJakartaPackage() throws IOException {
    assertEquals(List.of(), entriesMatching(ALL, JAKARTA));
  }

  @ParameterizedTest
  @MethodSource("allJars")
  void allJar_servicesFiles_areRelocated(Path all) throws IOException {
    String factory = text(all, "META-INF/services/dev.qfauth.shaded.jackson.core.JsonFactory");
    String codec = text(all, "META-INF/services/dev.qfauth.shaded.jackson.core.ObjectCodec");

    assertEquals("dev.qfauth.shaded.jackson.core.JsonFactory", factory.strip());
    assertEquals("dev.qfauth.shaded.jackson.databind.ObjectMapper", codec.strip());
  }

  /**
   * Entries whose bytes match {@code pattern}, read as Latin-1 so class-file constants show. The
   * Maven metadata (this module's POM and its comments) is not part of what runs.
   */
  private static List<String> entriesMatching(Path path, Pattern pattern) throws IOException {
    List<String> hits = new ArrayList<>();
    try (JarFile jar = new JarFile(path.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/maven/")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          var m = pattern.matcher(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
          if (m.find()) {
            hits.add(entry.getName() + ": " + m.group());
          }
        }
      }
    }
    return hits;
  }

  private static String text(Path path, String name) throws IOException {
    try (JarFile jar = new JarFile(path.toFile());
        InputStream in = jar.getInputStream(jar.getEntry(name))) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
