package dev.schemaguard.spring;

import dev.schemaguard.GuardConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A wrong {@code schema-guard.*} setting, a changelog that is not there, or an unaccepted Liquibase 5. */
class GuardConfigFailureAnalyzer extends AbstractFailureAnalyzer<GuardConfigException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GuardConfigException cause) {
        return new FailureAnalysis("Schema Guard's configuration is wrong: " + cause.getMessage(),
                "Correct the schema-guard.* properties (application.properties or application.yaml) or the file named above.",
                cause);
    }
}
