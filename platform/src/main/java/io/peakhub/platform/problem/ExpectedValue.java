package io.peakhub.platform.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a field expects, said in the caller's terms ("a number", "a UUID", "one of contact,
 * manager"), never as a Java type: problem details are read by people and by the web UI, not by us.
 */
final class ExpectedValue {

  private static final Set<Class<?>> WHOLE_NUMBERS =
      Set.of(
          int.class,
          Integer.class,
          long.class,
          Long.class,
          short.class,
          Short.class,
          byte.class,
          Byte.class,
          BigInteger.class);
  private static final Set<Class<?>> NUMBERS =
      Set.of(BigDecimal.class, double.class, Double.class, float.class, Float.class, Number.class);

  private ExpectedValue() {}

  static String of(Class<?> type) {
    if (type == null) {
      return "a different kind of value";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name())
              .collect(Collectors.joining(", "));
    }
    if (WHOLE_NUMBERS.contains(type)) {
      return "a whole number";
    }
    if (NUMBERS.contains(type)) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == UUID.class) {
      return "a UUID";
    }
    if (CharSequence.class.isAssignableFrom(type)
        || type == char.class
        || type == Character.class) {
      return "a string";
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
      return "a date and time such as 2026-01-31T09:30:00Z";
    }
    if (type == LocalDateTime.class) {
      return "a date and time such as 2026-01-31T09:30:00";
    }
    if (type == LocalDate.class) {
      return "a date such as 2026-01-31";
    }
    if (type == LocalTime.class) {
      return "a time such as 09:30";
    }
    if (type == YearMonth.class) {
      return "a month such as 2026-01";
    }
    if (type == Duration.class) {
      return "a duration such as PT15M";
    }
    if (type == Currency.class) {
      return "a currency code such as EUR";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return "an object";
  }
}
