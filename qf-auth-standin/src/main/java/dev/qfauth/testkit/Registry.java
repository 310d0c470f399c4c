package dev.qfauth.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registered clients and users. Thread-safe. */
final class Registry {
  private final Map<String, QfTestClient> clients = new ConcurrentHashMap<>();
  private final Map<String, QfTestUser> users = new LinkedHashMap<>();

  void put(QfTestClient client) {
    clients.put(client.clientId(), client);
  }

  QfTestClient client(String clientId) {
    return clientId == null ? null : clients.get(clientId);
  }

  synchronized void put(QfTestUser user) {
    users.put(user.username(), user);
  }

  synchronized QfTestUser user(String username) {
    return username == null ? null : users.get(username.strip());
  }

  /** The named user, registering a plain one first if a tester typed a new name. */
  synchronized QfTestUser userOrNew(String username) {
    return users.computeIfAbsent(username.strip(), QfTestUser::of);
  }

  synchronized List<QfTestUser> users() {
    return new ArrayList<>(users.values());
  }
}
