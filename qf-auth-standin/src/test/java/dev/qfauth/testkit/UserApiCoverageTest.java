package dev.qfauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the stand-in's route table against QF's OpenAPI document (its operations and parameters, in
 * the repository's docs/openapi/user-related-apis-v1.json): every operation under {@code /auth/v1},
 * and the signed-in user's own profile, has a route, and no route serves something the spec lacks.
 */
final class UserApiCoverageTest {
  private static final Path SPEC =
      Path.of(System.getProperty("basedir", "."))
          .resolve("..")
          .resolve("docs/openapi/user-related-apis-v1.json");
  private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
  private static final String OWN_PROFILE = "/quran-reflect/v1/users/profile";

  @Test
  void routes_everyAuthOperationAndTheOwnProfile_served() throws IOException {
    Set<String> spec = specOperations();
    Set<String> served = new TreeSet<>();
    StandInClock clock = new StandInClock(Clock.systemUTC());
    SecureRandom random = new SecureRandom();
    UserApi api =
        new UserApi(null, clock, new UserLibrary(clock, random), new UserStore(clock, random));
    api.routes().forEach(r -> served.add(r.toString()));

    Set<String> missing = new TreeSet<>(spec);
    missing.removeAll(served);
    Set<String> extra = new TreeSet<>(served);
    extra.removeAll(spec);
    assertTrue(missing.isEmpty(), "operations without a stand-in route: " + missing);
    assertTrue(extra.isEmpty(), "routes the spec does not have: " + extra);
    assertEquals(43, served.size(), "40 /auth/v1 operations and 3 on the own profile");
  }

  /** {@code METHOD /auth/v1/...} per operation on the default (auth) server, plus the profile. */
  private static Set<String> specOperations() throws IOException {
    JsonNode doc;
    try (InputStream in = Files.newInputStream(SPEC)) {
      doc = new ObjectMapper().readTree(in);
    }
    Set<String> operations = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (!METHODS.contains(op.getKey())) {
                            return;
                          }
                          JsonNode servers = op.getValue().get("servers");
                          String base =
                              servers == null
                                  ? "/auth"
                                  : servers
                                      .get(0)
                                      .get("url")
                                      .asText()
                                      .replaceAll("^https://[^/]+", "");
                          String template = base + path.getKey();
                          if (base.equals("/auth") || template.equals(OWN_PROFILE)) {
                            operations.add(op.getKey().toUpperCase() + " " + template);
                          }
                        }));
    return operations;
  }
}
