package dev.bastion.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the official MCP conformance suite (npm {@code @modelcontextprotocol/conformance}, on
 * the Node 22 that {@code npx -p node@22} brings) against a server and reads its summary.
 */
public final class Conformance {

    public static final String PACKAGE = "@modelcontextprotocol/conformance@0.2.0-alpha.12";
    /** The summary of a multi-scenario run, or of a single scenario. */
    private static final Pattern TOTAL = Pattern.compile("Total: (\\d+) passed, (\\d+) failed");
    private static final Pattern SINGLE = Pattern.compile("Passed: (\\d+)/\\d+, (\\d+) failed");

    private Conformance() {
    }

    private static final Pattern SCENARIO = Pattern.compile("^[✓✗] (\\S+): (\\d+) passed, (\\d+) failed", Pattern.MULTILINE);

    /** One scenario's checks. */
    public record Scenario(String name, int passed, int failed) {
    }

    /** The outcome of one run: the totals and, for multi-scenario runs, each scenario's. */
    public record Result(String selection, int passed, int failed, List<Scenario> scenarios, String output) {
        @Override
        public String toString() {
            return selection + ": " + passed + " checks passed, " + failed + " failed"
                    + (failedScenarios().isEmpty() ? "" : " " + failedScenarios());
        }

        public List<String> failedScenarios() {
            return scenarios.stream().filter(s -> s.failed() > 0).map(Scenario::name).toList();
        }

        /** The same run without the scenarios {@code excluded} matches (e.g. an unscored extension). */
        public Result without(java.util.function.Predicate<String> excluded) {
            List<Scenario> kept = scenarios.stream().filter(s -> !excluded.test(s.name())).toList();
            return new Result(selection + " (without excluded scenarios)", kept.stream().mapToInt(Scenario::passed).sum(),
                    kept.stream().mapToInt(Scenario::failed).sum(), kept, output);
        }
    }

    /**
     * Runs {@code conformance server --url <url> <selection...>}.
     *
     * @param selection e.g. {@code --requirements 2025-11-25} or {@code --spec-version 2025-06-18}
     */
    public static Result run(String url, String... selection) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("npx", "-y", "-p", "node@22", "-p", PACKAGE, "--",
                "conformance", "server", "--url", url));
        command.addAll(List.of(selection));
        Path log = Files.createTempFile("conformance-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("conformance suite did not finish in 10 minutes; log: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            total = SINGLE.matcher(output);
            if (!total.find()) {
                throw new IllegalStateException("no summary from the conformance suite (exit "
                        + process.exitValue() + "):\n" + output);
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        Matcher scenario = SCENARIO.matcher(output);
        while (scenario.find()) {
            scenarios.add(new Scenario(scenario.group(1), Integer.parseInt(scenario.group(2)),
                    Integer.parseInt(scenario.group(3))));
        }
        return new Result(String.join(" ", selection), Integer.parseInt(total.group(1)),
                Integer.parseInt(total.group(2)), scenarios, output);
    }
}
