package dev.agenthub.persistence.sql;

import org.jooq.BindContext;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.conf.ParamType;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.TooManyRowsException;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A jOOQ query whose SQL never changes, only its bind values: it is built and rendered once, then each
 * execution prepares that text on the connection of the {@link DSLContext} it is given (the ambient
 * transaction's, when there is one) and binds the values through jOOQ's own bindings. Rows come back
 * through jOOQ as records of the fields asked for.
 *
 * <p>For a statement that runs on every request, building and rendering the jOOQ query costs more CPU
 * than the database spends executing it; this keeps the text that PostgreSQL receives, and the way each
 * value is bound, exactly what jOOQ would produce for the same query built afresh.
 *
 * <p>The template builds the query with a named placeholder, {@code DSL.param(name, field)}, for every
 * value that varies and nothing else to bind; it must declare those names in the order they appear in
 * the rendered SQL, which is checked when the query is first rendered. Values are then given in that
 * order.
 */
public final class PreparedQuery {

    private final Function<DSLContext, ? extends Query> template;
    private final List<String> parameters;
    /** Rendered on first use; a race renders the same text twice, which is harmless. */
    private volatile Rendered rendered;

    private record Rendered(String sql, DataType<?>[] types) {
    }

    private PreparedQuery(Function<DSLContext, ? extends Query> template, List<String> parameters) {
        this.template = Objects.requireNonNull(template, "template");
        this.parameters = List.copyOf(parameters);
    }

    /**
     * @param template   builds the query, with {@code DSL.param(name, field)} for each value
     * @param parameters the placeholders' names, in the order the rendered SQL binds them
     */
    public static PreparedQuery of(Function<DSLContext, ? extends Query> template, String... parameters) {
        return new PreparedQuery(template, List.of(parameters));
    }

    /** Executes with {@code values} (in the declared order) and returns every row as a record of {@code fields}. */
    public Result<Record> fetch(DSLContext dsl, Field<?>[] fields, Object... values) {
        Rendered query = render(dsl);
        if (values.length != query.types().length) {
            throw new IllegalArgumentException("expected " + query.types().length + " values " + parameters + ", got "
                    + values.length);
        }
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                BindContext bind = dsl.bindContext(statement);
                for (int i = 0; i < values.length; i++) {
                    bind.visit(value(values[i], query.types()[i]));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return dsl.fetch(rows, fields);
                }
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + query.sql() + "]; " + e.getMessage(), e); // as jOOQ reports it
            }
        });
    }

    /** As {@link #fetch}, for at most one row, as jOOQ's {@code fetchOptional}: more is a {@link TooManyRowsException}. */
    public Optional<Record> fetchOptional(DSLContext dsl, Field<?>[] fields, Object... values) {
        Result<Record> rows = fetch(dsl, fields, values);
        if (rows.size() > 1) {
            throw new TooManyRowsException("Cursor returned more than one result");
        }
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @SuppressWarnings("unchecked")
    private static <T> Param<T> value(Object value, DataType<T> type) {
        return DSL.val((T) value, type);
    }

    private Rendered render(DSLContext dsl) {
        Rendered current = rendered;
        if (current == null) {
            Query query = template.apply(dsl);
            List<String> names = new ArrayList<>();
            List<DataType<?>> types = new ArrayList<>();
            for (Param<?> param : dsl.extractParams(query).values()) {
                names.add(param.getParamName());
                types.add(param.getDataType());
            }
            int binds = dsl.extractBindValues(query).size();
            if (!names.equals(parameters) || binds != parameters.size()) {
                throw new IllegalStateException("the query binds " + binds + " values, placeholders " + names
                        + "; declared " + parameters + ": every bind value must be a distinct named placeholder, in order");
            }
            // '?' placeholders whatever the session's settings say (inlined values would break the binding)
            DSLContext indexed = DSL.using(dsl.configuration().deriveSettings(settings -> settings
                    .withParamType(ParamType.INDEXED).withStatementType(StatementType.PREPARED_STATEMENT)));
            current = new Rendered(indexed.render(query), types.toArray(DataType<?>[]::new));
            rendered = current;
        }
        return current;
    }
}
