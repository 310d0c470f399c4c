package dev.qfauth.testkit;

import dev.qfauth.testkit.HostileState.Counted;
import java.util.Map;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Routes every request the stand-in receives to the part that may spoil it, counts them, and serves
 * the attacker's URLs (same server, other loopback name, under {@code /attacker}).
 */
final class HostileInterceptor implements StandInDispatcher.Interceptor {
  private final HostileState state;
  private final CallbackTamperer callback;
  private final TokenTamperer token;
  private final KeySetTamperer keySet;
  private final DiscoveryTamperer discovery;
  private final ApiTamperer api;

  HostileInterceptor(HostileState state) {
    this.state = state;
    this.callback = new CallbackTamperer(state);
    this.token = new TokenTamperer(state);
    this.keySet = new KeySetTamperer(state);
    this.discovery = new DiscoveryTamperer(state);
    this.api = new ApiTamperer(state);
  }

  @Override
  public MockResponse intercept(RecordedRequest request, Supplier<OAuth2HttpResponse> genuine) {
    state.ledger.record(request);
    String path = request.getRequestUrl().encodedPath();
    if (path.startsWith("/attacker/")) {
      state.count(Counted.ATTACKER_CALLS);
      return attacker(path.substring("/attacker".length()));
    }
    if (path.startsWith(Endpoints.API + "/")) {
      state.count(Counted.API_CALLS);
      return api.answer(request, genuine);
    }
    switch (path) {
      case Endpoints.DISCOVERY:
        state.count(Counted.DISCOVERY_FETCHES);
        return discovery.answer(genuine);
      case Endpoints.JWKS:
        state.count(Counted.JWKS_FETCHES);
        return keySet.answer(genuine);
      case Endpoints.TOKEN:
        state.count(Counted.TOKEN_CALLS);
        return token.answer(request, genuine);
      case Endpoints.AUTHORIZE:
      case Endpoints.LOGIN:
        return callback.answer(genuine);
      default:
        return StandInDispatcher.toMock(genuine.get());
    }
  }

  /** What the attacker's host serves: keys and a discovery document of its own, else {}. */
  private MockResponse attacker(String path) {
    return switch (path) {
      case "/jwks.json" -> RawAnswers.json(200, keySet.attackerJwks());
      case Endpoints.DISCOVERY -> RawAnswers.json(200, discovery.attackerDocument());
      default -> RawAnswers.json(200, Map.of());
    };
  }
}
