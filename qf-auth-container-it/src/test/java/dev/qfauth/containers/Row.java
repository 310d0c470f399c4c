package dev.qfauth.containers;

import java.nio.file.Path;

/**
 * One row of the matrix: a distribution, how the app is deployed on it, and what else the row
 * proves besides the sign-in scenario.
 *
 * @param dist the unpacked distribution's directory name under target/dist
 * @param jettyEnvironment ee8, ee9 or ee10 on Jetty; null on Tomcat
 * @param war the sample WAR's file name under target/wars
 * @param fragment the WAR's web.xml loses its filter entry, so the jar's web-fragment.xml installs
 *     the filter, configured from the environment only
 * @param proxy the container sits behind a TLS-terminating proxy (X-Forwarded-* from loopback)
 * @param examples Tomcat's own examples app, with the jars and the web.xml entry the README gives
 * @param redeploy five hot redeploys, then Tomcat's leak detection
 * @param oldLibraries two more copies of the WAR carrying Jackson 2.12 and Nimbus 9 in WEB-INF/lib,
 *     one with the plain filter jar, one with the self-contained {@code all} jar
 */
record Row(
    String name,
    String dist,
    String jettyEnvironment,
    String war,
    boolean fragment,
    boolean proxy,
    boolean examples,
    boolean redeploy,
    boolean oldLibraries) {

  static Row tomcat(String name, String distProperty, String war) {
    return new Row(
        name, System.getProperty(distProperty), null, war, false, false, false, false, false);
  }

  static Row jetty(String name, String environment, String war) {
    return new Row(
        name, System.getProperty("it.jetty"), environment, war, false, false, false, false, false);
  }

  Row withFragment() {
    return new Row(
        name, dist, jettyEnvironment, war, true, proxy, examples, redeploy, oldLibraries);
  }

  Row behindProxy() {
    return new Row(
        name, dist, jettyEnvironment, war, fragment, true, examples, redeploy, oldLibraries);
  }

  Row withExamples() {
    return new Row(
        name, dist, jettyEnvironment, war, fragment, proxy, true, redeploy, oldLibraries);
  }

  Row withRedeploys() {
    return new Row(
        name, dist, jettyEnvironment, war, fragment, proxy, examples, true, oldLibraries);
  }

  Row withOldLibraries() {
    return new Row(name, dist, jettyEnvironment, war, fragment, proxy, examples, redeploy, true);
  }

  boolean javax() {
    return war.contains("javax");
  }

  boolean isTomcat() {
    return jettyEnvironment == null;
  }

  Path home() {
    return Path.of(System.getProperty("it.dist")).resolve(dist);
  }

  @Override
  public String toString() {
    return name
        + (fragment ? " +web-fragment" : "")
        + (proxy ? " +TLS proxy" : "")
        + (examples ? " +examples app" : "")
        + (redeploy ? " +5 redeploys" : "")
        + (oldLibraries ? " +old libraries" : "");
  }
}
