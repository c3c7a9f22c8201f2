package org.newplos;

import org.newplos.cli.NewplosCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point: one place that sends the command line either to a CLI command or to the web server.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class NewplosApplication {

    public static void main(String[] args) {
        NewplosCommand.main(NewplosApplication.class, args);
    }
}
