package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

final class RandomsTest {
  private static final Pattern BASE64URL_43 = Pattern.compile("[A-Za-z0-9_-]{43}");

  @RepeatedTest(20)
  void codeVerifier_fresh_43UnreservedCharacters() {
    String v = Randoms.codeVerifier();
    assertEquals(43, v.length());
    // RFC 7636 4.1: [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"; base64url uses a subset.
    assertTrue(BASE64URL_43.matcher(v).matches(), v);
  }

  @Test
  void token_fresh_43Base64urlCharactersNoPadding() {
    String t = Randoms.token();
    assertTrue(BASE64URL_43.matcher(t).matches(), t);
  }

  /** RFC 7636 Appendix B: the verifier's 32 octets, as printed in the RFC. */
  private static final byte[] APPENDIX_B_OCTETS = {
    116,
    24,
    (byte) 223,
    (byte) 180,
    (byte) 151,
    (byte) 153,
    (byte) 224,
    37,
    79,
    (byte) 250,
    96,
    125,
    (byte) 216,
    (byte) 173,
    (byte) 187,
    (byte) 186,
    22,
    (byte) 212,
    37,
    77,
    105,
    (byte) 214,
    (byte) 191,
    (byte) 240,
    91,
    88,
    5,
    88,
    83,
    (byte) 132,
    (byte) 141,
    121
  };

  @Test
  void codeChallenge_rfc7636AppendixB_vector() {
    String verifier =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(APPENDIX_B_OCTETS);
    assertEquals("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", verifier);
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Randoms.codeChallenge(verifier));
  }

  @Test
  void codeChallenge_similarLookingVerifier_differentChallenge() {
    // "dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI" circulates as the Appendix B verifier but is
    // not
    // it; a single changed character must change the challenge.
    assertNotEquals(
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Randoms.codeChallenge("dBjftJeZ4CVP-mJ92IgMwNk-v5Q2qIJfQVD2tBcVWxI"));
  }

  @Test
  void codeChallenge_anyVerifier_43Base64urlNoPadding() {
    String c = Randoms.codeChallenge(Randoms.codeVerifier());
    assertTrue(BASE64URL_43.matcher(c).matches(), c);
  }

  @Test
  void codeChallenge_differentVerifiers_differentChallenges() {
    assertNotEquals(Randoms.codeChallenge("a".repeat(43)), Randoms.codeChallenge("b".repeat(43)));
  }

  @Test
  void codeVerifier_manyDraws_allDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      assertTrue(seen.add(Randoms.codeVerifier()), "repeated verifier after " + i + " draws");
    }
  }

  @Test
  void token_manyDraws_allDistinctAndNotConstantPrefix() {
    Set<String> seen = new HashSet<>();
    Set<Character> firstChars = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String t = Randoms.token();
      assertTrue(seen.add(t), "repeated token after " + i + " draws");
      firstChars.add(t.charAt(0));
    }
    // 64 possible first characters; 20k uniform draws hit all of them with overwhelming
    // probability.
    assertEquals(64, firstChars.size());
  }

  @Test
  void token_bitsRoughlyBalanced() {
    // A cheap sanity check that the source is not degenerate (e.g. all-zero bytes).
    long ones = 0;
    int draws = 2_000;
    for (int i = 0; i < draws; i++) {
      byte[] bytes = java.util.Base64.getUrlDecoder().decode(Randoms.token());
      assertEquals(32, bytes.length);
      for (byte b : bytes) {
        ones += Integer.bitCount(b & 0xff);
      }
    }
    double ratio = ones / (draws * 256.0);
    assertTrue(ratio > 0.49 && ratio < 0.51, "ratio of one bits " + ratio);
  }
}
