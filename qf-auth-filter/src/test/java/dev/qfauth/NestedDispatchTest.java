package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qfauth.testkit.QfStandInExtension;
import dev.qfauth.testsupport.Browser;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The filter mapped for FORWARD and INCLUDE runs again inside the outer request; afterwards the
 * outer request still has its user, on the thread and on the request.
 */
final class NestedDispatchTest {
  @RegisterExtension static final QfStandInExtension QF = new QfStandInExtension();

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void anIncludeLeavesTheOuterRequestSignedIn(Containers.Kind kind) throws Exception {
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind)) {
      Browser browser = f.signedIn();
      HttpResponse<String> page = browser.get(f.url("/include"));
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("threadBound=true"), "inside the include: " + page.body());
      assertTrue(
          page.body().endsWith("afterInclude=alice sameAsRequest=true"),
          "after the include: " + page.body());
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void aForwardLeavesTheOuterRequestSignedIn(Containers.Kind kind) throws Exception {
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind)) {
      Browser browser = f.signedIn();
      String id = UUID.randomUUID().toString();
      HttpResponse<String> page = browser.get(f.url("/forward?id=" + id));
      assertEquals(200, page.statusCode(), page.body());
      assertTrue(page.body().contains("sub=alice"), page.body());
      assertEquals(
          "alice sameAsRequest=true",
          Containers.TestApp.afterForward(id).get(30, TimeUnit.SECONDS),
          "after the forward");
      Containers.TestApp.AFTER_FORWARD.remove(id);
    }
  }

  @ParameterizedTest
  @EnumSource(Containers.Kind.class)
  void anAnonymousRequestStaysAnonymousThroughAnInclude(Containers.Kind kind) throws Exception {
    try (StandInFixture f = new StandInFixture(QF.standIn(), kind)) {
      HttpResponse<String> page = new Browser().get(f.url("/include"));
      assertEquals("anonymous\nafterInclude=none sameAsRequest=true", page.body());
    }
  }
}
