package org.newplos.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import org.junit.jupiter.api.Test;
import org.newplos.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * With no OTLP endpoint (the default), instrumentation costs nothing for no one: no span is recorded, SQL
 * statements are not proxied, no metrics are pushed to localhost:4318; yet every request still has a
 * trace id as its request id.
 */
@IntegrationTest
class TelemetryDefaultsTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Autowired
    MockMvcTester mvc;

    @Test
    void withoutAnEndpointNothingIsRecordedProxiedOrPushed() {
        assertThat(tracerProvider.getSampler()).isEqualTo(Sampler.alwaysOff());
        assertThat(dataSource).isNotInstanceOf(ProxyDataSource.class);
        assertThat(context.getBeanProvider(OtlpMeterRegistry.class).getIfAvailable())
                .isNull();
    }

    @Test
    void requestsStillCarryATraceIdAsTheirRequestId() {
        MvcTestResult first = mvc.get().uri("/livez").exchange();
        MvcTestResult second = mvc.get().uri("/livez").exchange();
        String id = first.getResponse().getHeader("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{32}").doesNotMatch("0+");
        assertThat(second.getResponse().getHeader("X-Request-Id")).isNotEqualTo(id);
    }
}
