package dev.qfauth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * All outgoing HTTP to QF goes through here: one shared {@link HttpClient}, no redirects followed,
 * a deadline on the whole exchange (headers and body) and a cap on the body size, so a slow,
 * endless or huge answer costs bounded time and memory and frees the worker thread.
 */
final class HttpCalls {
  static final int MAX_BODY_BYTES = 256 * 1024;

  private final java.util.concurrent.ExecutorService executor;
  private final HttpClient client;
  private final Duration deadline;

  HttpCalls(Duration connectTimeout, Duration deadline) {
    // Our own daemon executor, shut down with the filter, so an undeployed app leaves no threads.
    this.executor =
        java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "qf-auth-http");
              thread.setDaemon(true);
              // Not the app's loader: a worker that is still exiting when the container checks
              // for leftover threads at undeploy neither holds the loader nor draws a warning.
              thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
              return thread;
            });
    // The client's selector thread inherits the context class loader of the thread that builds
    // it (the web app's, in init). With the platform loader instead, the thread does not hold the
    // app's loader for the container's leak check; on JDK 17 it ends once the client is
    // unreachable (at the next GC after undeploy), as it has no close().
    Thread current = Thread.currentThread();
    ClassLoader appLoader = current.getContextClassLoader();
    current.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      this.client =
          HttpClient.newBuilder()
              .executor(executor)
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    } finally {
      current.setContextClassLoader(appLoader);
    }
    this.deadline = deadline;
  }

  /**
   * Stops the worker threads and, on JDK 21+, the client's selector thread; calls in flight fail.
   * Waits briefly for the workers to end, so a container checking for leftover threads right after
   * undeploy finds none.
   */
  void close() {
    executor.shutdownNow();
    shutdownClient();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code HttpClient.shutdownNow()} exists from JDK 21; this library is built for 17. */
  private void shutdownClient() {
    java.lang.reflect.Method shutdownNow;
    try {
      shutdownNow = HttpClient.class.getMethod("shutdownNow");
    } catch (NoSuchMethodException e) {
      return; // JDK 17: see the constructor
    }
    try {
      shutdownNow.invoke(client);
    } catch (ReflectiveOperationException e) {
      // Not ours to fail the undeploy over: the thread still ends once the client is unreachable.
    }
  }

  /** A finished exchange: status and the body as text (UTF-8). */
  record Reply(int status, String body, HttpResponse<?> raw) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A request to {@code uri}, without a timeout of its own: {@link #send} holds the one deadline.
   * The client's request timeout ends only the wait for the headers; set to the same value it raced
   * the deadline, and a stalled QF was reported one of two ways.
   */
  HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri);
  }

  /**
   * Sends and waits at most the deadline for the complete answer; past it the exchange is cancelled
   * (its connection closed) and the caller told "no complete answer within N ms".
   *
   * @throws IOException on transport failure, timeout, or a body over {@link #MAX_BODY_BYTES}
   */
  Reply send(HttpRequest request) throws IOException {
    CompletableFuture<HttpResponse<String>> future =
        client.sendAsync(request, info -> new CappedBody(MAX_BODY_BYTES));
    try {
      HttpResponse<String> response = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new Reply(response.statusCode(), response.body(), response);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IOException("no complete answer within " + deadline.toMillis() + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(
          cause == null
              ? "request failed"
              : cause.getClass().getSimpleName()
                  + ": "
                  + Redaction.printable(cause.getMessage(), 200),
          cause);
    }
  }

  /** Collects at most {@code max} bytes; cancels the stream and fails beyond that. */
  private static final class CappedBody implements BodySubscriber<String> {
    private final BodySubscriber<String> delegate =
        BodySubscribers.ofString(StandardCharsets.UTF_8);
    private final int max;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    CappedBody(int max) {
      this.max = max;
      delegate
          .getBody()
          .whenComplete(
              (body, error) -> {
                if (error != null) {
                  result.completeExceptionally(error);
                } else {
                  result.complete(body);
                }
              });
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      delegate.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        received += item.remaining();
      }
      if (received > max) {
        subscription.cancel();
        result.completeExceptionally(new IOException("answer larger than " + max + " bytes"));
        return;
      }
      delegate.onNext(items);
    }

    @Override
    public void onError(Throwable throwable) {
      delegate.onError(throwable);
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }
}
