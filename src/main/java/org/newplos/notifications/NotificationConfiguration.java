package org.newplos.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process's dispatcher (its sender threads stop with the application). */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean(destroyMethod = "close")
    Dispatcher dispatcher(
            Messages messages,
            List<Channel> channels,
            Reminders reminders,
            DeliveryTracing tracing,
            NotificationSettings settings,
            ObjectProvider<MeterRegistry> meters) {
        return new Dispatcher(messages, channels, reminders, tracing, settings, meters.getIfAvailable());
    }
}
