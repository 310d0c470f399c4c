package dev.qfauth.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import okhttp3.mockwebserver.MockResponse;

/**
 * The {@link QfDefect.Family#CALLBACK} defects: rewrites the authorization response (the redirect
 * from {@code /oauth2/auth} or the sign-in page back to the client). The genuine code is issued and
 * recorded first, so a test can also replay the untouched response.
 */
final class CallbackTamperer {
  private final HostileState state;

  CallbackTamperer(HostileState state) {
    this.state = state;
  }

  MockResponse answer(Supplier<OAuth2HttpResponse> genuine) {
    OAuth2HttpResponse response = genuine.get();
    String location = response.getHeaders().get("Location");
    if (response.getStatus() != 302 || location == null) {
      return StandInDispatcher.toMock(response);
    }
    Redirect redirect = Redirect.parse(location);
    String code = redirect.first("code");
    if (code == null) {
      return StandInDispatcher.toMock(response);
    }
    state.ledger.add(code);
    state.lastGenuineRedirect = location;
    QfDefect defect = state.defect(QfDefect.Family.CALLBACK);
    if (defect == null) {
      return StandInDispatcher.toMock(response);
    }
    tamper(defect, redirect, code);
    return StandInDispatcher.toMock(
        new OAuth2HttpResponse(
            response.getHeaders().newBuilder().set("Location", redirect.toString()).build(),
            302,
            "",
            null));
  }

  private void tamper(QfDefect defect, Redirect r, String code) {
    switch (defect) {
      case CALLBACK_STATE_MISSING -> r.remove("state");
      case CALLBACK_STATE_WRONG -> r.set("state", FakeValues.random());
      case CALLBACK_STATE_DUPLICATED -> r.add("state", FakeValues.random());
      case CALLBACK_STATE_MARKUP -> r.set("state", "\"><script>alert(document.cookie)</script>");
      case CALLBACK_CODE_MISSING -> r.remove("code");
      case CALLBACK_CODE_DUPLICATED -> r.add("code", "ory_ac_" + FakeValues.random());
      case CALLBACK_CODE_OVERSIZED -> r.set("code", code + "A".repeat(5_000));
      case CALLBACK_CODE_CONTROL_CHARACTERS -> r.set("code", code + "\r\nSet-Cookie: QF_SESSION=x");
      case CALLBACK_CODE_MARKUP -> r.set("code", "\"><svg/onload=alert(1)>");
      case CALLBACK_ERROR_WITH_STATE -> denied(r, "The resource owner denied the request.");
      case CALLBACK_ERROR_WITHOUT_STATE -> {
        denied(r, "The resource owner denied the request.");
        r.remove("state");
      }
      case CALLBACK_ERROR_AND_CODE -> r.add("error", "access_denied");
      case CALLBACK_ERROR_DESCRIPTION_MARKUP ->
          denied(r, "<script>alert(document.cookie)</script><img src=x onerror=alert(1)>\"'");
      case CALLBACK_ERROR_DESCRIPTION_LOG_FORGING ->
          denied(
              r,
              "denied\r\nSEVERE: dev.qfauth.SignIns QF user admin signed in\u2028forged"
                  + "\u202eline\u0000");
      case CALLBACK_ISS_WRONG -> r.add("iss", state.attackerBase + "/");
      case CALLBACK_ISS_CORRECT -> r.add("iss", state.issuer);
      case CALLBACK_FRONT_CHANNEL_TOKENS -> {
        r.add("access_token", "hostile-front-channel-" + FakeValues.random());
        r.add("token_type", "bearer");
        r.add("id_token", FakeValues.unsignedJwt(state.issuer));
      }
      default -> throw new IllegalStateException("not a callback defect: " + defect);
    }
  }

  private static void denied(Redirect r, String description) {
    r.remove("code");
    r.remove("scope");
    r.add("error", "access_denied");
    r.add("error_description", description);
  }

  /** A redirect URI's query as an ordered list, so parameters can repeat. */
  private static final class Redirect {
    private final String base;
    private final List<String[]> params = new ArrayList<>();

    private Redirect(String base) {
      this.base = base;
    }

    static Redirect parse(String location) {
      int q = location.indexOf('?');
      Redirect r = new Redirect(q < 0 ? location : location.substring(0, q));
      if (q >= 0) {
        for (String pair : location.substring(q + 1).split("&")) {
          int eq = pair.indexOf('=');
          if (!pair.isEmpty()) {
            r.params.add(
                new String[] {
                  decode(eq < 0 ? pair : pair.substring(0, eq)),
                  eq < 0 ? "" : decode(pair.substring(eq + 1))
                });
          }
        }
      }
      return r;
    }

    String first(String name) {
      return params.stream().filter(p -> p[0].equals(name)).map(p -> p[1]).findFirst().orElse(null);
    }

    void remove(String name) {
      params.removeIf(p -> p[0].equals(name));
    }

    void set(String name, String value) {
      for (String[] p : params) {
        if (p[0].equals(name)) {
          p[1] = value;
          return;
        }
      }
      add(name, value);
    }

    void add(String name, String value) {
      params.add(new String[] {name, value});
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder(base);
      char separator = '?';
      for (String[] p : params) {
        out.append(separator)
            .append(Responses.encode(p[0]))
            .append('=')
            .append(Responses.encode(p[1]));
        separator = '&';
      }
      return out.toString();
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
  }
}
