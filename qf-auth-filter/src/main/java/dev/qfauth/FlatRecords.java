package dev.qfauth;

import java.lang.reflect.RecordComponent;

/**
 * Makes the deprecated flat records ({@link QfBookmark}, {@link QfCollection}) from the typed
 * records of {@code dev.qfauth.api} that replaced them, by one rule: each flat component is the
 * typed record's component of the same name, as its text where the flat record keeps a {@code
 * String} (a time in ISO-8601, a bookmark type as its wire name). {@code FlatRecordsTest} checks
 * every component of both.
 */
final class FlatRecords {
  private FlatRecords() {}

  /** {@code flat} with each component taken from the component of its name in {@code typed}. */
  static <F extends Record> F flatten(Class<F> flat, Record typed) {
    RecordComponent[] components = flat.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        Object value = typed.getClass().getMethod(components[i].getName()).invoke(typed);
        values[i] = types[i] == String.class && value != null ? value.toString() : value;
      }
      return flat.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          flat.getSimpleName() + " is not a flat " + typed.getClass().getSimpleName(), e);
    }
  }
}
