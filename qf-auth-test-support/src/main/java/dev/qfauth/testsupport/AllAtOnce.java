package dev.qfauth.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One call made on many threads released together, to stage a race (single-flight refresh,
 * single-use sign-in state). Close it to stop the threads.
 */
public final class AllAtOnce implements AutoCloseable {
  private final int threads;
  private final ExecutorService pool;

  /** A pool of {@code threads} threads, each of which makes the call. */
  public AllAtOnce(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads);
  }

  /**
   * Makes {@code call} on every thread at once and returns what each returned (nulls included), or
   * throws what one threw; a call that takes more than 30 s fails the test.
   */
  public <T> List<T> call(Callable<T> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> pending = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      pending.add(
          pool.submit(
              () -> {
                go.await();
                return call.call();
              }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> result : pending) {
      results.add(result.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
