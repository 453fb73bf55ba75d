package dev.agenthub.persistence.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving tests real backing services: one PostgreSQL and one Redis per test JVM
 * (started on first use, stopped when the JVM's tests end), a fresh {@link TestDatabase} per test
 * class, and the shared servers themselves. Use with {@code @ExtendWith(TestInfrastructure.class)} and
 * declare {@link TestDatabase}, {@link SharedPostgres} or {@link SharedRedis} as parameters of a
 * constructor, lifecycle method or test.
 *
 * <p>Everything lives in JUnit's extension stores, so there is no static state.
 */
public final class TestInfrastructure implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestInfrastructure.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == SharedPostgres.class || type == SharedRedis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == SharedRedis.class) {
            return sharedRedis(context);
        }
        SharedPostgres server = sharedPostgres(context);
        if (type == SharedPostgres.class) {
            return server;
        }
        ExtensionContext classContext = classLevel(context);
        return classContext.getStore(NAMESPACE).computeIfAbsent(TestDatabase.class,
                key -> new TestDatabase(server, server.createDatabase(classContext.getRequiredTestClass().getSimpleName())),
                TestDatabase.class);
    }

    /** This JVM's PostgreSQL server. */
    public static SharedPostgres sharedPostgres(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedPostgres.class, key -> SharedPostgres.start(), SharedPostgres.class);
    }

    /** This JVM's Redis server. */
    public static SharedRedis sharedRedis(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedRedis.class, key -> SharedRedis.start(), SharedRedis.class);
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
