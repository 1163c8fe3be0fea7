package io.peakhub.platform.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Rows as records, one record component a column: {@code
 * jdbc.sql(...).query(RecordRows.of(X.class))} where {@code .query(X.class)} would be. The column
 * of {@code accountId} is {@code account_id} (or {@code accountId}): the same matching and
 * conversions as Spring's class-based mapper.
 *
 * <p>Spring's mapper asks the driver for the column named {@code accountId} first, and PostgreSQL's
 * driver answers a miss with an exception and a formatted message: 8 exceptions a row for an
 * account summary, 3 for an invoice. It also asks for an {@link Instant}, which the driver refuses
 * (another exception) before it takes the timestamp. With this mapper, which matches the columns
 * once from the result's metadata and reads an {@code Instant} as the timestamp it is, portal-bff's
 * CPU for the header of one account fell from 0.30-0.40 to 0.22-0.25 ms a request.
 *
 * <p>A mapper remembers the columns of the result it last mapped, and matches them again for
 * another result, so one may be kept and shared.
 */
public final class RecordRows<R extends Record> implements RowMapper<R> {

  private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private final Class<R> type;
  private final Shape shape;
  private volatile Columns columns; // of each component, in the result last mapped

  /** Each component's column in the result that has this metadata. */
  private record Columns(ResultSetMetaData metadata, int[] indexes) {}

  private RecordRows(Class<R> type) {
    this.type = type;
    this.shape = SHAPES.get(type);
  }

  /** A mapper for rows of this record. */
  public static <R extends Record> RowMapper<R> of(Class<R> type) {
    return new RecordRows<>(type);
  }

  @Override
  public R mapRow(ResultSet rs, int rowNum) throws SQLException {
    // PostgreSQL's driver gives one metadata object a result (another driver may match each row)
    ResultSetMetaData metadata = rs.getMetaData();
    Columns matched = columns;
    if (matched == null || matched.metadata() != metadata) {
      matched = new Columns(metadata, match(metadata));
      columns = matched;
    }
    int[] indexes = matched.indexes();
    Object[] args = new Object[indexes.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = value(rs, indexes[i], shape.descriptors()[i]);
    }
    try {
      return type.cast(shape.constructor().newInstance(args));
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot make a " + type.getName() + " of a row", e);
    }
  }

  private int[] match(ResultSetMetaData metadata) throws SQLException {
    Map<String, Integer> byName = new HashMap<>();
    for (int column = metadata.getColumnCount(); column >= 1; column--) {
      // the first of two columns with one name wins, as with the driver's own lookup
      byName.put(key(JdbcUtils.lookupColumnName(metadata, column)), column);
    }
    String[] names = shape.names();
    int[] found = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      Integer column = byName.get(key(names[i]));
      if (column == null) {
        throw new SQLException(
            "no column "
                + JdbcUtils.convertPropertyNameToUnderscoreName(names[i])
                + " for "
                + type.getSimpleName()
                + "."
                + names[i]
                + " in the result's "
                + byName.keySet());
      }
      found[i] = column;
    }
    return found;
  }

  /** account_id, accountId and ACCOUNT_ID are one name. */
  private static String key(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static Object value(ResultSet rs, int column, TypeDescriptor descriptor)
      throws SQLException {
    Class<?> wanted = descriptor.getType();
    if (wanted == Instant.class) {
      Timestamp timestamp = rs.getTimestamp(column);
      return timestamp == null ? null : timestamp.toInstant();
    }
    Object value = JdbcUtils.getResultSetValue(rs, column, wanted);
    return value == null || ClassUtils.resolvePrimitiveIfNecessary(wanted).isInstance(value)
        ? value
        : CONVERSIONS.convert(value, descriptor);
  }

  private record Shape(Constructor<?> constructor, String[] names, TypeDescriptor[] descriptors) {

    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents(); // of(...) takes records only
      Class<?>[] types = new Class<?>[components.length];
      String[] names = new String[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        names[i] = components[i].getName();
      }
      Constructor<?> constructor;
      try {
        constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
      }
      constructor.setAccessible(true);
      TypeDescriptor[] descriptors = new TypeDescriptor[components.length];
      for (int i = 0; i < components.length; i++) {
        descriptors[i] = new TypeDescriptor(new MethodParameter(constructor, i));
      }
      return new Shape(constructor, names, descriptors);
    }
  }
}
