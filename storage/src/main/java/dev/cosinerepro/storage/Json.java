package dev.cosinerepro.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Objects;

/**
 * The one JSON mapping for every document the project stores or hashes.
 *
 * <p>The shared mapper:
 *
 * <ul>
 *   <li>reads and writes records by their component names;
 *   <li>writes {@code java.time} values as ISO-8601 strings ({@code 2024-05-01T12:00:00Z}, {@code
 *       PT1H30M}), not numbers;
 *   <li>sorts object properties and map entries by name, so equal values always give equal bytes
 *       (the canonical form an experiment id is hashed from);
 *   <li>fails on unknown properties and trailing content, so a typo in a document is an error, not
 *       a silently ignored field;
 *   <li>writes non-finite doubles as the strings {@code "NaN"} and {@code "Infinity"} and reads
 *       them back.
 * </ul>
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private Json() {}

  /**
   * Writes a value as compact UTF-8 JSON.
   *
   * @param value a record, collection, map or other Jackson-serialisable value
   * @return the JSON bytes
   * @throws IllegalArgumentException if the value cannot be written as JSON
   */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(cannotWrite(value, e), e);
    }
  }

  /**
   * Writes a value as indented JSON text, for documents people read (reports, manifests).
   *
   * @param value a record, collection, map or other Jackson-serialisable value
   * @return the JSON text, ending without a newline
   * @throws IllegalArgumentException if the value cannot be written as JSON
   */
  public static String writePretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(cannotWrite(value, e), e);
    }
  }

  /**
   * Reads JSON into a value of the given type.
   *
   * @param json UTF-8 JSON bytes
   * @param type the class to read, for example a record
   * @param <T> the type read
   * @return the value
   * @throws IllegalArgumentException if the bytes are not valid JSON for {@code type}
   */
  public static <T> T read(byte[] json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The JSON is not a valid "
              + type.getSimpleName()
              + " ("
              + firstLine(e.getMessage())
              + "): fix the document or write it again with this version.",
          e);
    }
  }

  /**
   * Returns the shared mapper, for tree access ({@code readTree}) and generic types. It is shared
   * by the whole process: never reconfigure it; call {@link ObjectMapper#copy()} for a variant.
   *
   * @return the shared, configured mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static String cannotWrite(Object value, Exception e) {
    String type = value == null ? "null" : value.getClass().getName();
    return "Cannot write a " + type + " as JSON (" + firstLine(e.getMessage()) + ").";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
