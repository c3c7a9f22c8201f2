package org.newplos.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.newplos.database.DatabaseSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SQL spans: one client span {@code query} per statement, a child of the request's (or command's) span,
 * with {@code jdbc.query[i]} (the statement with {@code ?} for every bound value: values never leave the
 * process), {@code db.system} and {@code db.name}. Made with the OpenTelemetry API directly from a
 * datasource-proxy listener on the application's DataSource, on only when spans are exported
 * ({@value #ENABLED}, see {@link TelemetryDefaults}).
 *
 * <p>This replaced datasource-micrometer (issue 19): its Micrometer observation per statement went through a
 * propagating client-span handler that injected trace headers into nothing, looked up and recorded a timer
 * with computed tags, and opened and closed a scope — about 12 % of a traced lease GET's CPU in a JFR
 * profile, where the span itself costs a fraction of that (docs/observability.md, "What a span costs").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = SqlSpans.ENABLED, havingValue = "true")
class SqlSpans {

    static final String ENABLED = "newplos.tracing.sql-spans";

    @Bean
    static BeanPostProcessor sqlSpansOnTheDataSource(
            ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<DatabaseSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                OpenTelemetry otel = bean instanceof DataSource ? openTelemetry.getIfAvailable() : null;
                if (otel == null || !(bean instanceof DataSource dataSource) || bean instanceof ProxyDataSource) {
                    return bean;
                }
                DatabaseSettings configured = settings.getIfAvailable();
                Listener listener = new Listener(
                        otel.getTracer("org.newplos.sql"),
                        configured == null ? "unknown" : configured.target().database());
                return ProxyDataSourceBuilder.create(dataSource)
                        .name(name)
                        .listener(listener)
                        .build();
            }
        };
    }

    /** Starts a span before each statement (or batch) and ends it after; nothing else. */
    static final class Listener implements QueryExecutionListener {

        private static final String SPAN = Listener.class.getName();
        private static final AttributeKey<String> SQL_STATE = AttributeKey.stringKey("db.response.status_code");
        private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

        private final Tracer tracer;
        private final Attributes common;

        Listener(Tracer tracer, String database) {
            this.tracer = tracer;
            this.common = Attributes.of(
                    AttributeKey.stringKey("db.system"), "postgresql", AttributeKey.stringKey("db.name"), database);
        }

        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            Span span = tracer.spanBuilder("query")
                    .setSpanKind(SpanKind.CLIENT)
                    .setAllAttributes(common)
                    .startSpan();
            execution.addCustomValue(SPAN, span);
        }

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            Span span = execution.getCustomValue(SPAN, Span.class);
            if (span == null) {
                return;
            }
            if (span.isRecording()) {
                for (int i = 0; i < queries.size(); i++) {
                    span.setAttribute("jdbc.query[" + i + "]", queries.get(i).getQuery());
                }
                Throwable failure = execution.getThrowable();
                if (failure != null) {
                    // the type and SQLSTATE only: PostgreSQL's messages quote values (e.g. "Key (email)=(…)")
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute(ERROR_TYPE, failure.getClass().getName());
                    if (failure instanceof SQLException sql && sql.getSQLState() != null) {
                        span.setAttribute(SQL_STATE, sql.getSQLState());
                    }
                }
            }
            span.end();
        }
    }
}
