package dev.qfauth.redis;

import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;

/** Completes when a store's connection to Redis is up again (Lettuce's event bus). */
final class Reconnect implements AutoCloseable {
  private final CompletableFuture<Void> activated = new CompletableFuture<>();
  private final Disposable subscription;

  Reconnect(RedisSessionStore store) {
    subscription =
        store
            .resources()
            .eventBus()
            .get()
            .filter(ConnectionActivatedEvent.class::isInstance)
            .subscribe(event -> activated.complete(null));
  }

  void await() throws Exception {
    activated.get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    subscription.dispose();
  }
}
