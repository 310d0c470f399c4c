package dev.qfauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table, the setting-name constants of {@link QfAuthConfig} and the
 * names {@link ConfigSources} reads are one list. A setting added without a README row, a row left
 * behind by a removed setting, or a constant nothing reads fails the build.
 */
final class ReadmeConfigTableTest {
  private static final Path README =
      Path.of(System.getProperty("basedir", ".")).resolve("..").resolve("README.md");
  private static final String TABLE_HEADING = "## Configuration";
  private static final Pattern SETTING_NAME = Pattern.compile("QF_[A-Z0-9_]+");
  private static final Pattern NAME_IN_CELL = Pattern.compile("`(" + SETTING_NAME + ")`");

  @Test
  void readmeTable_everySettingConstant_hasARow() throws IOException {
    Set<String> missing = new TreeSet<>(settingConstants());
    missing.removeAll(settingsInConfigurationTable(Files.readString(README)));

    assertTrue(
        missing.isEmpty(),
        "README.md's Configuration table has no row for " + missing + ": add one per setting");
  }

  @Test
  void readmeTable_everyRow_namesAnExistingSetting() throws IOException {
    Set<String> unknown = new TreeSet<>(settingsInConfigurationTable(Files.readString(README)));
    unknown.removeAll(settingConstants());

    assertTrue(
        unknown.isEmpty(),
        "README.md's Configuration table names " + unknown + ", which QfAuthConfig does not have");
  }

  @Test
  void configSources_everySettingConstant_isRead() {
    Set<String> asked = new LinkedHashSet<>();
    // Nothing is set, so building fails on the client id after every name has been asked for.
    assertThrows(
        QfConfigException.class,
        () ->
            ConfigSources.read(
                name -> {
                  asked.add(name);
                  return null;
                }));

    assertEquals(new TreeSet<>(settingConstants()), new TreeSet<>(asked));
  }

  @Test
  void settingsInConfigurationTable_rowsWithOneOrTwoNames_readsEveryName() {
    String markdown =
        """
        ## Demo mode
        | `QF_DEMO` | x |
        ## Configuration

        Text.

        | Setting | Default | Meaning |
        |---|---|---|
        | `QF_CLIENT_ID` | (required) | the `QF_ENV` mention here is not a row |
        | `QF_LOGIN_PATH` / `QF_LOGOUT_PATH` | `/login` / `/logout` | two in one row |

        | `QF_OTHER_TABLE` | not this one |
        """;

    assertEquals(
        List.of("QF_CLIENT_ID", "QF_LOGIN_PATH", "QF_LOGOUT_PATH"),
        List.copyOf(settingsInConfigurationTable(markdown)));
  }

  @Test
  void settingsInConfigurationTable_rowWithoutASettingName_fails() {
    String markdown =
        """
        ## Configuration
        | Setting | Default | Meaning |
        |---|---|---|
        | QF_CLIENT_ID | (required) | not in backticks |
        """;

    assertThrows(AssertionError.class, () -> settingsInConfigurationTable(markdown));
  }

  @Test
  void settingsInConfigurationTable_settingListedTwice_fails() {
    String markdown =
        """
        ## Configuration
        | Setting | Default | Meaning |
        |---|---|---|
        | `QF_ENV` | `prelive` | once |
        | `QF_ENV` | `prelive` | twice |
        """;

    assertThrows(AssertionError.class, () -> settingsInConfigurationTable(markdown));
  }

  /** The values of QfAuthConfig's public String constants that name a setting ({@code QF_*}). */
  private static Set<String> settingConstants() {
    Set<String> names = new TreeSet<>();
    for (Field field : QfAuthConfig.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && field.getType() == String.class) {
        String value = constantValue(field);
        if (SETTING_NAME.matcher(value).matches()) {
          names.add(value);
        }
      }
    }
    assertFalse(names.isEmpty(), "QfAuthConfig has no QF_* setting constants");
    return names;
  }

  private static String constantValue(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot read " + field, e);
    }
  }

  /**
   * The setting names in the first column of the first table under the Configuration heading, in
   * order. A row may name several settings ({@code `QF_A` / `QF_B`}); each must appear once.
   */
  static Set<String> settingsInConfigurationTable(String markdown) {
    List<String> rows = configurationTableRows(markdown);
    Set<String> names = new LinkedHashSet<>();
    for (String row : rows.subList(Math.min(2, rows.size()), rows.size())) {
      String firstCell = row.split("\\|", -1)[1];
      Matcher m = NAME_IN_CELL.matcher(firstCell);
      boolean any = false;
      while (m.find()) {
        any = true;
        if (!names.add(m.group(1))) {
          fail("the Configuration table lists " + m.group(1) + " twice");
        }
      }
      if (!any) {
        fail("a Configuration table row names no `QF_*` setting in its first column: " + row);
      }
    }
    return names;
  }

  /** The table's lines, header and separator included; the table ends at the first other line. */
  private static List<String> configurationTableRows(String markdown) {
    List<String> lines = markdown.lines().toList();
    int heading = lines.indexOf(TABLE_HEADING);
    if (heading < 0) {
      fail("no '" + TABLE_HEADING + "' heading");
    }
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(heading + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      if (line.startsWith("|")) {
        rows.add(line);
      } else if (!rows.isEmpty()) {
        break;
      }
    }
    if (rows.size() < 3) {
      fail("no table with rows under '" + TABLE_HEADING + "'");
    }
    return rows;
  }
}
