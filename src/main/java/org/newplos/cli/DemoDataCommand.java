package org.newplos.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo-data",
        mixinStandardHelpOptions = true,
        description = {
            "Adds a realistic sample to the database: plans, spaces of every type, members, and past,"
                    + " current and future leases (some open-ended, some cancelled).",
            "Runs in one transaction; the same --seed gives the same data. Adds to what is there.",
            "--scale large loads 100,000 members, 10,000 spaces and about a million leases."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:data added", "1:failed (the message says why)", "2:invalid usage"})
class DemoDataCommand implements Callable<Integer> {

    enum Scale {
        SMALL(new DemoData.Size(200, 40, 8, 3)),
        LARGE(new DemoData.Size(100_000, 10_000, 128, 5));

        final DemoData.Size size;

        Scale(DemoData.Size size) {
            this.size = size;
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "small", description = "small or large (default ${DEFAULT-VALUE}).")
    Scale scale;

    @Option(names = "--members", description = "Members to add (overrides the scale).")
    Integer members;

    @Option(names = "--spaces", description = "Spaces to add (overrides the scale).")
    Integer spaces;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed for the random choices (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        DemoData.Size base = scale.size;
        DemoData.Size size = new DemoData.Size(
                positive(members, base.members(), "--members"),
                positive(spaces, base.spaces(), "--spaces"),
                base.pastSlots(),
                base.futureSlots());
        long started = System.nanoTime();
        return CommandContext.run("demo-data", context -> {
            DemoData.Result result = context.getBean(DemoData.class).generate(size, seed, LocalDate.now());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Added %d plans, %d spaces, %d members and %d leases in %.1f s (seed %d).%n",
                            result.plans(),
                            result.spaces(),
                            result.members(),
                            result.leases(),
                            (System.nanoTime() - started) / 1e9,
                            seed);
            return 0;
        });
    }

    private int positive(Integer value, int fallback, String option) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > 1_000_000) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), option + " must be between 1 and 1000000, got " + value);
        }
        return value;
    }
}
