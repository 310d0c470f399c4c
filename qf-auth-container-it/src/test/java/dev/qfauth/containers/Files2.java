package dev.qfauth.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** File chores for preparing a container's base: copy trees, edit text, rewrite a WAR entry. */
final class Files2 {
  private Files2() {}

  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies {@code edit} to a text file and fails if it changed nothing (the anchor moved). */
  static void edit(Path file, UnaryOperator<String> edit) {
    try {
      String before = Files.readString(file);
      String after = edit.apply(before);
      if (after.equals(before)) {
        throw new IllegalStateException("edit changed nothing in " + file);
      }
      Files.writeString(file, after);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code war} to {@code target}, applying {@code edit} to its entry {@code entry}. */
  static void copyWarEditing(Path war, Path target, String entry, UnaryOperator<String> edit) {
    try {
      Files.copy(war, target, StandardCopyOption.REPLACE_EXISTING);
      try (FileSystem zip = FileSystems.newFileSystem(target, Map.of())) {
        edit(zip.getPath(entry), edit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies {@code war} to {@code target}, deletes its WEB-INF/lib jars whose names start with one
   * of {@code dropPrefixes}, adds {@code jars} to WEB-INF/lib and applies {@code webXml} to
   * WEB-INF/web.xml: what an app's own build would have produced with other libraries.
   */
  static void copyWarReplacingLibs(
      Path war,
      Path target,
      java.util.List<String> dropPrefixes,
      java.util.List<Path> jars,
      UnaryOperator<String> webXml) {
    try {
      Files.copy(war, target, StandardCopyOption.REPLACE_EXISTING);
      try (FileSystem zip = FileSystems.newFileSystem(target, Map.of())) {
        Path lib = zip.getPath("WEB-INF/lib");
        try (Stream<Path> present = Files.list(lib)) {
          for (Path jar : present.toList()) {
            String name = jar.getFileName().toString();
            if (dropPrefixes.stream().anyMatch(name::startsWith)) {
              Files.delete(jar);
            }
          }
        }
        for (Path jar : jars) {
          Files.copy(jar, lib.resolve(jar.getFileName().toString()));
        }
        edit(zip.getPath("WEB-INF/web.xml"), webXml);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static java.util.List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code file} through a temporary sibling and a rename, so a scanner never sees half. */
  static void replaceAtomically(Path source, Path file) {
    try {
      // Outside the scanned directory, so the container never deploys the temporary file.
      Path temp = file.getParent().resolveSibling(file.getFileName() + ".tmp");
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
