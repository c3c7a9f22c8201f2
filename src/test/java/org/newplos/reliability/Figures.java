package org.newplos.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The figures the reliability suite measured, one line per scenario. Every record rewrites
 * target/reliability-summary.txt, and the block is printed once more when the test JVM ends, so the
 * summary is there however far the suite got.
 */
final class Figures {

    static final Path FILE = Path.of("target", "reliability-summary.txt");
    private static final Map<String, String> LINES = new ConcurrentSkipListMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(block()), "reliability-summary"));
    }

    private Figures() {}

    /** Records one scenario's figures: name, then key/value pairs in the order given. */
    static synchronized void record(String scenario, Object... keyValues) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.append(line.isEmpty() ? "" : ", ")
                    .append(keyValues[i])
                    .append('=')
                    .append(keyValues[i + 1]);
        }
        LINES.put(scenario, line.toString());
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, block());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[reliability] " + scenario + ": " + line);
    }

    static synchronized String block() {
        StringBuilder out = new StringBuilder();
        out.append("===== NEWPLOS RELIABILITY SUMMARY (").append(Instant.now()).append(") =====\n");
        LINES.forEach((scenario, line) -> out.append(String.format("%-28s %s%n", scenario, line)));
        out.append("===== END RELIABILITY SUMMARY =====\n");
        return out.toString();
    }
}
