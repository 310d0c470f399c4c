package dev.qfauth.sample;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The two servlet containers the docs promise, each deploying a web app directory or war at "/".
 */
enum Container {
  TOMCAT {
    @Override
    Deployed deploy(Path webapp, Path work, int port) throws Exception {
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(work.toString());
      Files.createDirectories(work.resolve("webapps")); // where a war is unpacked
      tomcat.setPort(port);
      tomcat.setAddDefaultWebXmlToWebapp(false);
      tomcat.getConnector();
      Context context = tomcat.addWebapp("", webapp.toAbsolutePath().toString());
      // Tomcat runs filters only for a request that some servlet answers; a standalone Tomcat
      // maps its default servlet to "/" in conf/web.xml (JSP support is left out here).
      Tomcat.addServlet(context, "default", new DefaultServlet());
      context.addServletMappingDecoded("/", "default");
      // Scan WEB-INF/lib only, as a standalone Tomcat does: the test class path holds qf-auth too.
      StandardJarScanner scanner = new StandardJarScanner();
      scanner.setScanClassPath(false);
      context.setJarScanner(scanner);
      tomcat.start();
      URI url = URI.create("http://localhost:" + tomcat.getConnector().getLocalPort() + "/");
      return new Deployed(
          url,
          context.getState() == LifecycleState.STARTED,
          () -> {
            tomcat.stop();
            tomcat.destroy();
          });
    }
  },

  JETTY {
    @Override
    Deployed deploy(Path webapp, Path work, int port) throws Exception {
      Server server = new Server();
      ServerConnector http = new ServerConnector(server);
      http.setPort(port);
      server.addConnector(http);
      WebAppContext context = new WebAppContext();
      context.setContextPath("/");
      context.setTempDirectory(work.toFile());
      if (webapp.toString().endsWith(".war")) {
        context.setWar(webapp.toAbsolutePath().toString());
      } else {
        context.setBaseResource(ResourceFactory.of(server).newResource(webapp));
      }
      server.setHandler(context);
      server.start();
      URI url = URI.create("http://localhost:" + http.getLocalPort() + "/");
      return new Deployed(url, context.isAvailable(), server::stop);
    }
  };

  /**
   * Deploys {@code webapp} and starts the container. A web app that fails to start (e.g. a filter
   * whose init throws) is reported by {@link Deployed#available()}, as a container would show it.
   */
  Deployed deploy(Path webapp, Path work) throws Exception {
    return deploy(webapp, work, 0);
  }

  /** As {@link #deploy(Path, Path)}, listening on {@code port} (0 picks a free one). */
  abstract Deployed deploy(Path webapp, Path work, int port) throws Exception;

  /** A running container; {@code available} is false when the web app failed to start. */
  record Deployed(URI url, boolean available, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() {
      try {
        stop.close();
      } catch (Exception e) {
        throw new IllegalStateException("the container did not stop cleanly", e);
      }
    }
  }
}
