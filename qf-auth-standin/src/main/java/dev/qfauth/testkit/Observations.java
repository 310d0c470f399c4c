package dev.qfauth.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** What clients sent: counters and the last request per endpoint. Guarded by its own monitor. */
final class Observations {
  enum Endpoint {
    DISCOVERY,
    JWKS,
    AUTHORIZE,
    TOKEN,
    API,
    REVOCATION,
    END_SESSION
  }

  private final Map<String, Integer> tokenCallsByGrant = new HashMap<>();
  private final Map<Endpoint, Integer> calls = new HashMap<>();
  private final Map<Endpoint, QfRecordedRequest> last = new HashMap<>();

  synchronized void record(Endpoint endpoint, QfRecordedRequest request) {
    calls.merge(endpoint, 1, Integer::sum);
    last.put(endpoint, request);
    if (endpoint == Endpoint.TOKEN) {
      tokenCallsByGrant.merge(request.parameter("grant_type").orElse(""), 1, Integer::sum);
    }
  }

  synchronized int calls(Endpoint endpoint) {
    return calls.getOrDefault(endpoint, 0);
  }

  synchronized int tokenCalls(String grantType) {
    return tokenCallsByGrant.getOrDefault(grantType, 0);
  }

  synchronized Optional<QfRecordedRequest> last(Endpoint endpoint) {
    return Optional.ofNullable(last.get(endpoint));
  }

  synchronized void reset() {
    tokenCallsByGrant.clear();
    calls.clear();
    last.clear();
  }
}
