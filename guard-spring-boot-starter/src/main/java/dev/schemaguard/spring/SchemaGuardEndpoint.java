package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator endpoint {@code schemaguard}: the report of the boot that ran at start-up, with every
 * migration of the changelog, its status and, when held or failed, why.
 */
@Endpoint(id = "schemaguard")
public class SchemaGuardEndpoint {
    private final SchemaGuardInitializer guard;

    public SchemaGuardEndpoint(SchemaGuardInitializer guard) {
        this.guard = guard;
    }

    @ReadOperation
    public BootReport report() {
        return guard.report();
    }
}
