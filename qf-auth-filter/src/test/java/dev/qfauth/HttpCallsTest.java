package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One deadline covers the whole exchange, so a stalled QF is always reported the same way, whether
 * it stalls before the headers or in the middle of the body.
 */
final class HttpCallsTest {
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private static final String EXPECTED = "no complete answer within 300 ms";

  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private ServerSocket server;
  private HttpCalls calls;

  @AfterEach
  void stop() throws IOException {
    if (calls != null) {
      calls.close();
    }
    for (Socket socket : held) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void send_headersNeverCome_theDeadlineMessage() throws Exception {
    URI uri = serve(null);
    assertEquals(Set.of(EXPECTED), messagesOfParallelCalls(uri));
    assertEveryConnectionClosedByTheClient();
  }

  @Test
  void send_bodyNeverEnds_theDeadlineMessage() throws Exception {
    URI uri = serve("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{");
    assertEquals(Set.of(EXPECTED), messagesOfParallelCalls(uri));
    assertEveryConnectionClosedByTheClient();
  }

  /** A call past its deadline gives its connection up: QF's stall holds nothing of ours. */
  private void assertEveryConnectionClosedByTheClient() throws IOException {
    assertFalse(held.isEmpty());
    for (Socket socket : held) {
      socket.setSoTimeout(5_000);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int read;
      do {
        read = in.read(buffer); // the request itself, then end of stream
      } while (read > 0);
      assertEquals(-1, read, "the client closed the connection");
    }
  }

  /**
   * Several calls at once: with two equal deadlines (the request's own timeout and the wait for the
   * whole answer) either could win, and the message changed from call to call.
   */
  private Set<String> messagesOfParallelCalls(URI uri) {
    calls = new HttpCalls(Duration.ofSeconds(2), DEADLINE);
    List<CompletableFuture<String>> messages = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      messages.add(
          CompletableFuture.supplyAsync(
              () ->
                  assertThrows(
                          IOException.class, () -> calls.send(calls.request(uri).GET().build()))
                      .getMessage()));
    }
    Set<String> distinct = new TreeSet<>();
    messages.forEach(m -> distinct.add(m.join()));
    return distinct;
  }

  /** A server that accepts, reads nothing, writes {@code start} (if any) and then holds on. */
  private URI serve(String start) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  held.add(socket);
                  if (start != null) {
                    OutputStream out = socket.getOutputStream();
                    out.write(start.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                  }
                } catch (IOException e) {
                  return; // closed
                }
              }
            },
            "stalling-server");
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
  }
}
