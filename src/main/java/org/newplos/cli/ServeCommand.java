package org.newplos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the web server (admin UI and JSON API) on port 8080 (SERVER_PORT changes it).",
            "Creates and migrates the database first when needed. Other --options are passed to Spring,"
                    + " e.g. --server.port=9090."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:could not start (the message says why)"})
class ServeCommand implements Callable<Integer> {

    /** Returned when the server runs on: the process must not exit. */
    static final int RUNNING = -1;

    @Unmatched
    List<String> serverArguments = new ArrayList<>();

    @Override
    public Integer call() {
        return serve(serverArguments);
    }

    static int serve(List<String> arguments) {
        SpringApplication.run(NewplosCommand.application, arguments.toArray(String[]::new));
        return RUNNING;
    }
}
