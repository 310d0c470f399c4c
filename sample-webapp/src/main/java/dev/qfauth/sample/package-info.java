/**
 * The qf-auth sample: five plain servlets behind {@link dev.qfauth.QfAuthFilter}, wired by {@code
 * WEB-INF/web.xml}, deployable as a war or run by {@link dev.qfauth.sample.SampleApp}.
 *
 * <pre>{@code
 * QF_CLIENT_ID=... QF_CLIENT_SECRET=... java -jar sample-webapp-standalone.jar
 * QF_DEMO=true java -jar sample-webapp-standalone.jar    # offline demo, see DemoMode
 * }</pre>
 *
 * <p>Each page reads the signed-in user with {@link dev.qfauth.QfUserContext#current(
 * jakarta.servlet.ServletRequest)}: {@code /} is public, {@code /me}, {@code /collections}, {@code
 * /bookmarks} and {@code /today} require sign-in ({@code QF_PROTECTED_PATHS} in web.xml). The last
 * three call the User APIs through {@link dev.qfauth.QfUserContext#api()} and hide a feature, with
 * a note, when the user withheld its scope.
 */
package dev.qfauth.sample;
