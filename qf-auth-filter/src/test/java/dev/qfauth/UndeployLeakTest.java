package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What keeps an undeployed web app's class loader reachable, checked here without a container
 * (qf-auth-container-it's Redeploys checks it on Tomcat): threads that carry the app's loader, and
 * Jackson buffers parked in ThreadLocals of the container's threads.
 */
final class UndeployLeakTest {
  @Test
  void httpCalls_builtUnderAnAppLoader_selectorThreadDoesNotCarryIt() throws Exception {
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    try (URLClassLoader app = new URLClassLoader(new URL[0], before)) {
      current.setContextClassLoader(app);
      HttpCalls calls;
      try {
        calls = new HttpCalls(Duration.ofSeconds(1), Duration.ofSeconds(1));
      } finally {
        current.setContextClassLoader(before);
      }
      try {
        List<Thread> carrying =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getContextClassLoader() == app)
                .toList();
        assertEquals(List.of(), carrying);
      } finally {
        calls.close();
      }
    }
  }

  @Test
  void httpCalls_callMadeUnderAnAppLoader_workersDoNotCarryIt() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    server.start();
    Thread current = Thread.currentThread();
    ClassLoader before = current.getContextClassLoader();
    try (URLClassLoader app = new URLClassLoader(new URL[0], before)) {
      current.setContextClassLoader(app);
      HttpCalls calls = new HttpCalls(Duration.ofSeconds(5), Duration.ofSeconds(5));
      try {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        assertEquals(200, calls.send(calls.request(uri).GET().build()).status());
        List<Thread> carrying =
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("qf-auth-http"))
                .filter(t -> t.getContextClassLoader() == app)
                .toList();
        assertEquals(List.of(), carrying);
      } finally {
        current.setContextClassLoader(before);
        calls.close();
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void json_recyclesNoBuffersInThreadLocals() {
    assertFalse(
        Json.MAPPER
            .getFactory()
            .isEnabled(JsonFactory.Feature.USE_THREAD_LOCAL_FOR_BUFFER_RECYCLING));
  }
}
