package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(QfStandInExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class QfStandInExtensionDeclarativeTest {
  private static QfStandIn first;

  @Test
  @Order(1)
  void parameter_firstTest_runningStandIn(QfStandIn qf) {
    first = qf;
    assertEquals(200, FlowDriver.get(qf.discoveryUrl()).statusCode());
  }

  @Test
  @Order(2)
  void parameter_laterTest_sameStandInForTheClass(QfStandIn qf) {
    assertSame(first, qf);
    assertEquals(
        200, FlowDriver.get(URI.create(qf.authBaseUrl() + "/.well-known/jwks.json")).statusCode());
  }
}
