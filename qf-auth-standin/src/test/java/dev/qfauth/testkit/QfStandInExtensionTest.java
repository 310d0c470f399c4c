package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class QfStandInExtensionTest {
  static final String CALLBACK = "http://localhost:8080/callback";

  @RegisterExtension
  static final QfStandInExtension QF =
      new QfStandInExtension(
          qf -> qf.confidentialClient("web-app", "s3cret", CALLBACK).user(QfTestUser.ALICE));

  @Test
  @Order(1)
  void controls_setInOneTest_usedThere() {
    QfStandIn qf = QF.standIn();
    qf.accessTokenLifetime(Duration.ZERO).advanceClock(Duration.ofDays(2));
    qf.failNextTokenCall(QfTokenFailure.httpStatus(500));
    FlowDriver web = new FlowDriver(qf, "web-app", CALLBACK);
    assertEquals(500, web.refresh("x", "s3cret").statusCode());
    assertEquals(1, qf.tokenCalls());
  }

  @Test
  @Order(2)
  void controls_nextTest_resetButRegistrationsKept() {
    QfStandIn qf = QF.standIn();
    assertEquals(0, qf.tokenCalls());
    assertTrue(
        Duration.between(Instant.now(), qf.now()).abs().toMinutes() < 1, "clock offset cleared");
    FlowDriver web = new FlowDriver(qf, "web-app", CALLBACK);
    assertEquals(
        3600,
        web.login("alice", "openid", "s3cret").get("expires_in").asInt(),
        "client and user survive reset");
  }

  @Test
  @Order(3)
  void parameter_qfStandIn_sameInstanceAsField(QfStandIn injected) {
    assertSame(QF.standIn(), injected);
  }
}
