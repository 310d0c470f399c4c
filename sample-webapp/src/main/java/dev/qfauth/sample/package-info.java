/**
 * The qf-auth sample: three plain servlets behind {@link dev.qfauth.QfAuthFilter}, wired by {@code
 * WEB-INF/web.xml}, deployable as a war or run by {@link dev.qfauth.sample.SampleApp}.
 *
 * <pre>{@code
 * QF_CLIENT_ID=... QF_CLIENT_SECRET=... java -jar sample-webapp-standalone.jar
 * QF_DEMO=true java -jar sample-webapp-standalone.jar    # offline demo, see DemoMode
 * }</pre>
 *
 * <p>Each page reads the signed-in user with {@link dev.qfauth.QfUserContext#current(
 * jakarta.servlet.ServletRequest)}: {@code /} is public, {@code /me} and {@code /collections}
 * require sign-in ({@code QF_PROTECTED_PATHS} in web.xml).
 */
package dev.qfauth.sample;
