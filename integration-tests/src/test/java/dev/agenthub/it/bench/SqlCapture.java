package dev.agenthub.it.bench;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link DataSource} that records, while {@link #start started}, every statement prepared on its
 * connections with the parameters bound to it: what a hub sends to the database, read from the JDBC calls
 * rather than from its code. Only for {@link ReservationBenchmark}'s check of its SQL.
 */
final class SqlCapture {

    /** A prepared statement and its parameters, by index: the setter used and the value's type. */
    record Statement(String sql, Map<Integer, String> parameters) {
        @Override
        public String toString() {
            return sql + "\n    parameters " + parameters;
        }
    }

    private final DataSource target;
    private final List<Statement> captured = new ArrayList<>();
    private volatile boolean capturing;

    SqlCapture(DataSource target) {
        this.target = target;
    }

    DataSource dataSource() {
        return proxy(DataSource.class, target, (method, result) ->
                result instanceof Connection connection ? connection(connection) : result);
    }

    synchronized void start() {
        captured.clear();
        capturing = true;
    }

    synchronized List<Statement> stop() {
        capturing = false;
        return List.copyOf(captured);
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, result) -> {
            if (capturing && method.getName().equals("prepareStatement") && result instanceof PreparedStatement prepared) {
                return statement(prepared, (String) lastArguments.get()[0]);
            }
            return result;
        });
    }

    private final ThreadLocal<Object[]> lastArguments = new ThreadLocal<>();

    private PreparedStatement statement(PreparedStatement statement, String sql) {
        Map<Integer, String> parameters = new TreeMap<>();
        synchronized (this) {
            captured.add(new Statement(sql, parameters));
        }
        return proxy(PreparedStatement.class, statement, (method, result) -> {
            Object[] arguments = lastArguments.get();
            if (method.getName().startsWith("set") && arguments != null && arguments.length >= 2
                    && arguments[0] instanceof Integer index) {
                Object value = arguments[1];
                synchronized (parameters) {
                    parameters.put(index, method.getName() + "(" + describe(value)
                            + (arguments.length > 2 ? ", " + arguments[2] : "") + ")");
                }
            }
            return result;
        });
    }

    /** The value's type, and for text its value (shortened): how timestamps are bound matters. */
    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value.getClass().getSimpleName();
        if (value instanceof String text) {
            return type + " '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        return type;
    }

    private interface ResultMapper {
        Object map(Method method, Object result) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target, ResultMapper mapper) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            Object result;
            try {
                result = method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            lastArguments.set(arguments);
            try {
                return mapper.map(method, result);
            } finally {
                lastArguments.remove();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
