package dev.qfauth;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Real servlet containers running the filter in front of a tiny test app. */
final class Containers {
  private Containers() {}

  enum Kind {
    JETTY,
    TOMCAT
  }

  /** A running container. */
  interface Running extends AutoCloseable {
    String base();

    /** The filter instance the container runs. */
    QfAuthFilter filter();

    @Override
    void close() throws Exception;
  }

  /** A container started on {@code port} of the loopback address; {@code stop} shuts it down. */
  private record Started(int port, QfAuthFilter filter, AutoCloseable stop) implements Running {
    @Override
    public String base() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts {@code kind} on {@code port} with the filter built from the config the function makes.
   */
  static Running start(Kind kind, int port, QfAuthConfig config) throws Exception {
    QfAuthFilter filter = new QfAuthFilter(config);
    return kind == Kind.JETTY ? jetty(port, filter) : tomcat(port, filter);
  }

  private static Running jetty(int port, QfAuthFilter filter) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(
        new FilterHolder(filter),
        "/*",
        EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE));
    context.addServlet(new ServletHolder(new TestApp()), "/*");
    server.setHandler(context);
    server.start();
    return new Started(port, filter, server::stop);
  }

  private static Running tomcat(int port, QfAuthFilter filter) throws Exception {
    Tomcat tomcat = new Tomcat();
    File base = Files.createTempDirectory("tomcat").toFile();
    tomcat.setBaseDir(base.getAbsolutePath());
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", base.getAbsolutePath());
    FilterDef def = new FilterDef();
    def.setFilterName("qf-auth");
    def.setFilter(filter);
    context.addFilterDef(def);
    FilterMap map = new FilterMap();
    map.setFilterName("qf-auth");
    map.addURLPattern("/*");
    map.setDispatcher(DispatcherType.REQUEST.name());
    map.setDispatcher(DispatcherType.FORWARD.name());
    map.setDispatcher(DispatcherType.INCLUDE.name());
    context.addFilterMap(map);
    Tomcat.addServlet(context, "app", new TestApp());
    context.addServletMappingDecoded("/", "app");
    tomcat.start();
    return new Started(
        port,
        filter,
        () -> {
          tomcat.stop();
          tomcat.destroy();
        });
  }

  /**
   * The host app: {@code /whoami} prints what the filter exposed; {@code /collections} calls the
   * User API through the context's client; {@code /include} includes {@code /whoami} and then says
   * who the request's user is; {@code /forward?id=} forwards to {@code /whoami} and records the
   * same in {@link #AFTER_FORWARD}; everything else says hello.
   */
  static final class TestApp extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /**
     * What {@code /forward?id=} saw after the forward returned, by id. A future: the container may
     * have sent the forwarded response before the servlet gets there.
     */
    static final java.util.Map<String, java.util.concurrent.CompletableFuture<String>>
        AFTER_FORWARD = new java.util.concurrent.ConcurrentHashMap<>();

    static java.util.concurrent.CompletableFuture<String> afterForward(String id) {
      return AFTER_FORWARD.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException, jakarta.servlet.ServletException {
      String path =
          request.getDispatcherType() == DispatcherType.INCLUDE
              ? (String) request.getAttribute(jakarta.servlet.RequestDispatcher.INCLUDE_REQUEST_URI)
              : request.getRequestURI();
      if (path.endsWith("/include")) {
        response.setContentType("text/plain");
        request.getRequestDispatcher("/whoami").include(request, response);
        response.getWriter().write("\nafterInclude=" + userAfterDispatch(request));
        return;
      }
      if (path.endsWith("/forward")) {
        request.getRequestDispatcher("/whoami").forward(request, response);
        afterForward(request.getParameter("id")).complete(userAfterDispatch(request));
        return;
      }
      response.setContentType("text/plain");
      QfUserContext context = QfUserContext.current(request).orElse(null);
      if (path.endsWith("/whoami")) {
        if (context == null) {
          response.getWriter().write("anonymous");
          return;
        }
        boolean sameAsThread = QfUserContext.current().orElse(null) == context;
        response
            .getWriter()
            .write(
                "sub="
                    + context.sub()
                    + "\nprincipal="
                    + request.getUserPrincipal().getName()
                    + "\nremoteUser="
                    + request.getRemoteUser()
                    + "\nscopes="
                    + new java.util.TreeSet<>(context.scopes())
                    + "\nname="
                    + context.name().orElse("")
                    + "\nemail="
                    + context.email().orElse("")
                    + "\nthreadBound="
                    + sameAsThread
                    + "\nenv="
                    + context.environment());
        return;
      }
      if (path.endsWith("/collections")) {
        try {
          response.getWriter().write(context.api().get("/auth/v1/collections?first=5").toString());
        } catch (QfApiException e) {
          response.setStatus(e.httpStatus());
          response
              .getWriter()
              .write(
                  e.code() + " " + e.remoteStatus() + " " + e.oauthError() + "\n" + e.getMessage());
        }
        return;
      }
      response.getWriter().write("hello " + path);
    }
  }

  /** The thread's user, and whether the request attribute is that same context. */
  private static String userAfterDispatch(HttpServletRequest request) {
    QfUserContext thread = QfUserContext.current().orElse(null);
    QfUserContext attribute = QfUserContext.current(request).orElse(null);
    return (thread == null ? "none" : thread.sub()) + " sameAsRequest=" + (thread == attribute);
  }

  static Function<QfAuthConfig.Builder, QfAuthConfig.Builder> none() {
    return b -> b;
  }
}
