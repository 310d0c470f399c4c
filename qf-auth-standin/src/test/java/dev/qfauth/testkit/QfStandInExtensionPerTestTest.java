package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class QfStandInExtensionPerTestTest {
  private static QfStandIn previous;

  @RegisterExtension final QfStandInExtension qf = new QfStandInExtension();

  @Test
  @Order(1)
  void instanceField_firstTest_ownStandIn() {
    previous = qf.standIn();
  }

  @Test
  @Order(2)
  void instanceField_nextTest_freshStandInAndPreviousStopped() {
    assertNotEquals(previous.port(), qf.standIn().port());
    assertThrows(UncheckedIOException.class, () -> FlowDriver.get(previous.discoveryUrl()));
  }
}
