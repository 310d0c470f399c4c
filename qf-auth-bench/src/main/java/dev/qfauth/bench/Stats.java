package dev.qfauth.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians and spreads over rounds or samples. */
final class Stats {
  private Stats() {}

  static <T> double median(List<T> items, ToDoubleFunction<T> value) {
    return percentile(items.stream().mapToDouble(value).toArray(), 50);
  }

  static <T> double min(List<T> items, ToDoubleFunction<T> value) {
    return items.stream().mapToDouble(value).min().orElse(Double.NaN);
  }

  static <T> double max(List<T> items, ToDoubleFunction<T> value) {
    return items.stream().mapToDouble(value).max().orElse(Double.NaN);
  }

  /** Coefficient of variation, percent. */
  static <T> double cv(List<T> items, ToDoubleFunction<T> value) {
    double[] v = items.stream().mapToDouble(value).toArray();
    double mean = Arrays.stream(v).average().orElse(Double.NaN);
    double var =
        Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
    return 100 * Math.sqrt(var) / mean;
  }

  /** Nearest-rank percentile; for an even count the median is the mean of the middle two. */
  static double percentile(double[] values, double pct) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    if (pct == 50 && v.length % 2 == 0) {
      return (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(pct / 100 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }
}
