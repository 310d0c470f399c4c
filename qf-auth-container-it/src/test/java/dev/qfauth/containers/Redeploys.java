package dev.qfauth.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hot redeploy on Tomcat: the WAR is replaced in webapps/ five times, as an operator would, and
 * each new version signs a visitor towards QF (so the filter's HTTP client has worked). Then
 * Tomcat's own leak detection (the manager's findleaks, which runs a full GC first) must find no
 * old class loader of the app, and the log must have no thread the app failed to stop.
 */
final class Redeploys {
  private static final int TIMES = 5;
  private static final Pattern DEPLOYED =
      Pattern.compile(
          "Deployment of web application archive \\[[^\\]]*sample\\.war\\] has finished");
  private static final Duration LEAK_LIMIT = Duration.ofSeconds(30);
  private static final Pattern SELECTOR = Pattern.compile("\"HttpClient-\\d+-SelectorManager\"");
  private static final Pattern WORKER = Pattern.compile("\"qf-auth-http\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Redeploys() {}

  static void fiveTimes(Row row, Path work, Deployment.Addresses at, ContainerProcess container)
      throws Exception {
    Path war = Path.of(System.getProperty("it.wars")).resolve(row.war());
    Path deployed = work.resolve("base/webapps/sample.war");
    URI login = at.local().resolve(Deployment.CONTEXT + "/login?returnTo=/");
    int selectorsBefore = count(SELECTOR, manager(at, "threaddump"));
    for (int i = 1; i <= TIMES; i++) {
      int before = count(DEPLOYED, container.log());
      Files2.replaceAtomically(war, deployed);
      awaitLog(container, before + 1);
      container.awaitReady(login, status -> status == 302, Duration.ofMinutes(1));
    }
    // findleaks runs a full GC first. On JDK 17 an old HttpClient's selector thread (and with it
    // the old app's loader) lives until a GC finds the client unreachable and the thread next
    // wakes, so the first check may still see the last versions: ask again, for a bounded time.
    Instant start = Instant.now();
    String leaks = manager(at, "findleaks?statusLine=true");
    long first = leaked(leaks);
    Instant deadline = start.plus(LEAK_LIMIT);
    while (leaked(leaks) > 0 && Instant.now().isBefore(deadline)) {
      container.pause();
      leaks = manager(at, "findleaks?statusLine=true");
    }
    String threads = manager(at, "threaddump");
    // Kept next to the container's log, for a failure to read.
    java.nio.file.Files.writeString(work.resolve("threaddump.txt"), threads);
    System.out.printf(
        "%s after %d redeploys: %d old loaders at the first findleaks, %d after %d ms;"
            + " threads: %d HttpClient selector, %d qf-auth-http%n",
        row.name(),
        TIMES,
        first,
        leaked(leaks),
        Duration.between(start, Instant.now()).toMillis(),
        count(SELECTOR, threads),
        count(WORKER, threads));
    assertEquals(
        0, leaked(leaks), "old class loaders of " + Deployment.CONTEXT + " reachable:\n" + leaks);
    List<String> warnings =
        container
            .log()
            .lines()
            .filter(l -> l.contains("appears to have started a thread"))
            .toList();
    assertTrue(warnings.isEmpty(), String.join("\n", warnings));
    // One selector thread per started filter; the redeploys leave no extra ones.
    assertEquals(selectorsBefore, count(SELECTOR, threads), threads);
  }

  private static long leaked(String findLeaks) {
    return findLeaks.lines().filter(line -> line.equals(Deployment.CONTEXT)).count();
  }

  private static String manager(Deployment.Addresses at, String command) throws Exception {
    String credentials = Deployment.MANAGER_USER + ":" + Deployment.MANAGER_PASSWORD;
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(at.local().resolve("/manager/text/" + command))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("OK") || command.equals("threaddump"), response.body());
    return response.body();
  }

  private static void awaitLog(ContainerProcess container, int deployments) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (count(DEPLOYED, container.log()) < deployments) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("redeploy " + deployments + " did not finish within a minute");
      }
      container.pause();
    }
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
