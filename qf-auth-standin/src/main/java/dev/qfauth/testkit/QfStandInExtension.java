package dev.qfauth.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs one {@link QfStandIn} per test class and calls {@link
 * QfStandIn#reset()} before each test. Two ways to use it:
 *
 * <pre>{@code
 * final class LoginTest {
 *   @RegisterExtension
 *   static final QfStandInExtension QF =
 *       new QfStandInExtension(
 *           qf -> qf.seedDemoData().publicClient("spa", "http://localhost:3000/cb"));
 *
 *   @Test
 *   void signsIn() {
 *     QF.standIn().autoLogin("alice");
 *     // ... drive the application against QF.standIn().discoveryUrl()
 *   }
 * }
 *
 * @ExtendWith(QfStandInExtension.class)
 * final class ApiTest {
 *   @Test
 *   void callsApi(QfStandIn qf) { ... }   // the parameter is resolved
 * }
 * }</pre>
 *
 * <p>A static {@code @RegisterExtension} field or {@code @ExtendWith} gives one stand-in per class,
 * stopped after the class. A non-static field gives one per test. The setup callback runs once,
 * right after the stand-in starts, so clients, users and data registered there survive {@link
 * QfStandIn#reset()}.
 *
 * <p>The testkit declares JUnit as a provided dependency; this class is only usable with JUnit
 * Jupiter on the test classpath. Classes may run in parallel, each with its own extension and
 * stand-in; the test methods of one class share a stand-in and {@code reset()} runs before each, so
 * run them sequentially (JUnit's default).
 */
public final class QfStandInExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {

  private final Consumer<QfStandIn> setup;
  private QfStandIn standIn;
  private boolean classScoped;

  /** An extension that starts a stand-in with no clients or users. */
  public QfStandInExtension() {
    this(qf -> {});
  }

  /**
   * An extension that passes each new stand-in to {@code setup} (register clients, users, data).
   */
  public QfStandInExtension(Consumer<QfStandIn> setup) {
    this.setup = Objects.requireNonNull(setup, "setup");
  }

  /**
   * The running stand-in, started on first use (so a static initializer or {@code @BeforeAll} may
   * call it).
   */
  public synchronized QfStandIn standIn() {
    if (standIn == null) {
      QfStandIn started = QfStandIn.start();
      try {
        setup.accept(started);
      } catch (RuntimeException e) {
        started.close();
        throw e;
      }
      standIn = started;
    }
    return standIn;
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    classScoped = true;
    standIn();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    standIn().reset();
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (!classScoped) {
      stop();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    stop();
    classScoped = false;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == QfStandIn.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return standIn();
  }

  private void stop() {
    if (standIn != null) {
      standIn.close();
      standIn = null;
    }
  }
}
