package dev.qfauth.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Reads a QF object into a record whose components are named as QF names the fields: each component
 * by {@link Wire}'s lenient rule for its type, so a missing or malformed field is {@code null} (0
 * or false for a primitive, an empty list for a list) and never an error. A component's name is
 * thus part of the wire mapping: {@code WireRecordsTest} reads every record read here.
 */
final class WireRecords {
  private WireRecords() {}

  /** Reads one field of a QF object as one component type. */
  private interface FieldReader {
    Object read(JsonNode json, String field);
  }

  private static final Map<Type, FieldReader> READERS =
      Map.ofEntries(
          Map.entry(String.class, Wire::text),
          Map.entry(Instant.class, Wire::instant),
          Map.entry(LocalDate.class, Wire::date),
          Map.entry(Integer.class, Wire::integer),
          Map.entry(int.class, (json, field) -> Wire.integer(json, field, 0)),
          Map.entry(Long.class, Wire::longValue),
          Map.entry(Double.class, Wire::decimal),
          Map.entry(double.class, (json, field) -> orZero(Wire.decimal(json, field))),
          Map.entry(Boolean.class, Wire::bool),
          Map.entry(boolean.class, (json, field) -> Wire.bool(json, field, false)),
          // QF names the mushaf by its id, always in a field {@code mushafId}.
          Map.entry(
              Mushaf.class, (json, field) -> Mushaf.orNull(Wire.integer(json, field + "Id"))));

  /** Readers of list components, by element type. */
  private static final Map<Type, FieldReader> LIST_READERS =
      Map.of(
          VerseRange.class,
          Wire::ranges,
          AttachedEntity.class,
          (json, field) -> Wire.list(json.get(field), AttachedEntity::from));

  private static final ClassValue<Reading<?>> READINGS =
      new ClassValue<>() {
        @Override
        protected Reading<?> computeValue(Class<?> type) {
          return new Reading<>(type.asSubclass(Record.class));
        }
      };

  /** {@code type} with each component read from the field of its name in {@code json}. */
  static <R extends Record> R read(Class<R> type, JsonNode json) {
    return type.cast(READINGS.get(type).read(json));
  }

  /** How one record type is read: its canonical constructor and a reader per component. */
  private static final class Reading<R extends Record> {
    private final Constructor<R> constructor;
    private final String[] fields;
    private final FieldReader[] readers;

    Reading(Class<R> type) {
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      fields = new String[components.length];
      readers = new FieldReader[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        fields[i] = components[i].getName();
        readers[i] = readerOf(type, components[i]);
      }
      try {
        constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record has its canonical constructor", e);
      }
    }

    R read(JsonNode json) {
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = readers[i].read(json, fields[i]);
      }
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static FieldReader readerOf(Class<?> record, RecordComponent component) {
    Class<?> type = component.getType();
    FieldReader reader = READERS.get(type);
    if (reader == null && type.isEnum()) {
      reader = (json, field) -> constant(type, Wire.text(json, field));
    }
    if (reader == null
        && type == List.class
        && component.getGenericType() instanceof ParameterizedType list) {
      reader = LIST_READERS.get(list.getActualTypeArguments()[0]);
    }
    if (reader == null) {
      throw new IllegalStateException(
          record.getSimpleName() + "." + component.getName() + ": no reader for " + type);
    }
    return reader;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object constant(Class<?> type, String name) {
    return Wire.constant((Class) type, name);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
