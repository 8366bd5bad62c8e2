package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import java.util.List;
import java.util.Map;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * "APPLICATION FAILED TO START" for a refused boot: the description says what the guard found (the
 * verdict's code, the database, the reason and what is missing), the action is the report's message,
 * which names the fix. The stack trace, a nest of bean-creation exceptions, is left out.
 */
class SchemaGuardFailureAnalyzer extends AbstractFailureAnalyzer<SchemaGuardStartupException> {
    private static final List<String> DETAIL_KEYS = List.of("reason", "missing", "migration", "phase");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SchemaGuardStartupException cause) {
        BootReport report = cause.report();
        StringBuilder description = new StringBuilder("Schema Guard refused to start the application before anything used the database.\n\n")
                .append("    result: ").append(report.verdict()).append('\n')
                .append("    code: ").append(report.code()).append('\n')
                .append("    database: ").append(report.target()).append('\n');
        Map<String, String> details = report.details();
        for (String key : DETAIL_KEYS) {
            if (details.containsKey(key)) {
                description.append("    ").append(key).append(": ").append(details.get(key)).append('\n');
            }
        }
        String action = report.message() + "\n\nEvery code and its fix: docs/watchdog.md#codes in Schema Guard's repository.";
        return new FailureAnalysis(description.toString().stripTrailing(), action, cause);
    }
}
