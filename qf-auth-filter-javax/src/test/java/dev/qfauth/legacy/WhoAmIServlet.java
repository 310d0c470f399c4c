package dev.qfauth.legacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import dev.qfauth.QfAuthFilter;
import dev.qfauth.QfCollection;
import dev.qfauth.QfUserContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * The legacy app's page: who is signed in, their collections from the User API, and which jars its
 * classes came from. Written against jakarta.servlet like the library; the build turns the compiled
 * class into a javax one with the same rules as the library (process-test-classes).
 */
public final class WhoAmIServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    QfUserContext user = QfUserContext.current(request).orElseThrow();
    String collections =
        user.api().collections(20, null).items().stream()
            .map(QfCollection::name)
            .collect(Collectors.joining(","));
    response.setContentType("text/plain;charset=UTF-8");
    response
        .getWriter()
        .write(
            String.join(
                "|",
                user.sub(),
                user.name().orElse(""),
                collections,
                jarOf(QfAuthFilter.class),
                jarOf(ObjectMapper.class),
                jarOf(JWSAlgorithm.class)));
  }

  private static String jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .getFileName()
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
