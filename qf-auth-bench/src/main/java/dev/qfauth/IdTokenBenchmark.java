package dev.qfauth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ID-token verification as the callback does it (OIDC Core 3.1.3.7: RS256 signature against the
 * provider's JWKS, iss, aud, azp, exp, iat, nonce), with the JWKS already cached. At the end it
 * prints how often the JWKS and discovery were fetched: once each, however many logins.
 */
public class IdTokenBenchmark extends JmhDefaults {
  static final int TOKENS = 256;

  LocalProvider provider;
  IdTokenVerifier verifier;
  Secret[] tokens = new Secret[TOKENS];
  Secret[] accessTokens = new Secret[TOKENS];
  String[] nonces = new String[TOKENS];
  final AtomicLong verified = new AtomicLong();

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    provider = new LocalProvider();
    QfAuthConfig config = provider.config().build();
    Provider discovery =
        new Provider(config, new HttpCalls(config.connectTimeout(), config.requestTimeout()));
    verifier = new IdTokenVerifier(discovery, config);
    for (int i = 0; i < TOKENS; i++) {
      nonces[i] = Randoms.token();
      accessTokens[i] = Secret.of(provider.tokens.opaque("ory_at_"));
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder(provider.tokens.idClaims(nonces[i]))
              .claim("at_hash", HydraTokens.atHash(accessTokens[i].reveal()))
              .build();
      tokens[i] = Secret.of(provider.tokens.sign(claims));
    }
    verifier.verify(
        tokens[0], accessTokens[0], nonces[0]); // the first login loads discovery and the JWKS
  }

  @Benchmark
  public JWTClaimsSet verifyWithCachedJwks(Cursor c) {
    int i = c.next;
    c.next = i + 1 == TOKENS ? 0 : i + 1;
    verified.incrementAndGet();
    return verifier.verify(tokens[i], accessTokens[i], nonces[i]);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws java.io.IOException {
    String line =
        String.format(
            "JWKS fetched %d time(s), discovery %d time(s), for %d ID-token verifications",
            provider.jwksFetches.get(), provider.discoveryFetches.get(), verified.get() + 1);
    System.out.println();
    System.out.println(line);
    java.nio.file.Path out =
        java.nio.file.Path.of(System.getProperty("bench.out", "target/bench-results"));
    java.nio.file.Files.createDirectories(out);
    java.nio.file.Files.writeString(out.resolve("jwks-fetches.txt"), line + System.lineSeparator());
    provider.close();
  }
}
