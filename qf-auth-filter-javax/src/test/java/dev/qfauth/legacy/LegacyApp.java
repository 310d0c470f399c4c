package dev.qfauth.legacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An exploded legacy web app as a Servlet 4.0 container sees one: WEB-INF/web.xml (a javax
 * descriptor that names the qf-auth filter only to configure it; the filter itself comes from the
 * jar's web-fragment.xml), WEB-INF/lib with the given jars, WEB-INF/classes with {@link
 * WhoAmIServlet}.
 */
final class LegacyApp {
  private LegacyApp() {}

  static Path build(Path dir, List<Path> jars, Map<String, String> settings) {
    try {
      Path lib = Files.createDirectories(dir.resolve("WEB-INF/lib"));
      for (Path jar : jars) {
        Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      String servlet = WhoAmIServlet.class.getName().replace('.', '/') + ".class";
      Path classFile = Files.createDirectories(dir.resolve("WEB-INF/classes")).resolve(servlet);
      Files.createDirectories(classFile.getParent());
      try (InputStream in = WhoAmIServlet.class.getClassLoader().getResourceAsStream(servlet)) {
        Files.copy(in, classFile, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(dir.resolve("WEB-INF/web.xml"), webXml(settings));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jars in {@code dir} (a directory maven-dependency-plugin filled). */
  static List<Path> jarsIn(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String webXml(Map<String, String> settings) {
    String params =
        settings.entrySet().stream()
            .map(
                e ->
                    "      <init-param><param-name>"
                        + e.getKey()
                        + "</param-name><param-value>"
                        + e.getValue()
                        + "</param-value></init-param>")
            .collect(Collectors.joining("\n"));
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://xmlns.jcp.org/xml/ns/javaee http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd"
                 version="4.0">
          <filter>
            <filter-name>qf-auth</filter-name>
        %s
          </filter>
          <servlet>
            <servlet-name>whoami</servlet-name>
            <servlet-class>%s</servlet-class>
          </servlet>
          <servlet-mapping>
            <servlet-name>whoami</servlet-name>
            <url-pattern>/whoami</url-pattern>
          </servlet-mapping>
        </web-app>
        """
        .formatted(params, WhoAmIServlet.class.getName());
  }
}
