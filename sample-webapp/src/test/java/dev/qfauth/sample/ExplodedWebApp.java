package dev.qfauth.sample;

import dev.qfauth.QfAuthFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A web app directory as a container deploys it: {@code WEB-INF/web.xml} and {@code
 * WEB-INF/lib/qf-auth-filter.jar}, so the container's fragment scanning finds the jar's {@code
 * META-INF/web-fragment.xml}. The jar's other libraries stay on the test class path, which the web
 * app's class loader falls back to.
 */
final class ExplodedWebApp {
  private ExplodedWebApp() {}

  /**
   * Web app descriptor boilerplate around {@code body}; {@code attributes} go on {@code <web-app>}.
   */
  static String webXml(String attributes, String body) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd"
                 version="6.0" %s>
        %s
        </web-app>
        """
        .formatted(attributes, body);
  }

  static Path create(Path dir, String webXml) throws IOException {
    Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
    Files.writeString(webInf.resolve("web.xml"), webXml);
    Path lib = Files.createDirectories(webInf.resolve("lib"));
    copyFilterJar(lib.resolve("qf-auth-filter.jar"));
    return dir;
  }

  /**
   * The qf-auth-filter jar: the packaged one when Maven built it, else one made from its classes
   * directory (a reactor build that stops at {@code test} puts the directory on the class path).
   */
  private static void copyFilterJar(Path target) throws IOException {
    Path location;
    try {
      location =
          Path.of(QfAuthFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (Files.isRegularFile(location)) {
      Files.copy(location, target);
      return;
    }
    if (!Files.isRegularFile(location.resolve("META-INF/web-fragment.xml"))) {
      throw new IllegalStateException("no META-INF/web-fragment.xml under " + location);
    }
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(location)) {
      List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
      for (Path file : files) {
        jar.putNextEntry(new JarEntry(location.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, jar);
        jar.closeEntry();
      }
    }
  }
}
