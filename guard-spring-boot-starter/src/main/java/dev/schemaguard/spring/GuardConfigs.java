package dev.schemaguard.spring;

import dev.schemaguard.ConnectionSettings;
import dev.schemaguard.DataExpectations;
import dev.schemaguard.DataExpectations.Canary;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.IntegritySettings;
import dev.schemaguard.LedgerSettings;
import javax.sql.DataSource;
import org.springframework.core.io.ResourceLoader;

/** Turns {@code schema-guard.*} into the library's {@link GuardConfig}, through its public builder only. */
final class GuardConfigs {
    private GuardConfigs() {
    }

    /**
     * @param dataSource  the application's DataSource; null when schema-guard.database names another database
     * @param url         its JDBC URL when it can be read without connecting (a SQLite file is never created
     *                    by the guard's first look); null lets the library find it
     */
    static GuardConfig from(SchemaGuardProperties p, DataSource dataSource, String url, ResourceLoader resources) {
        GuardConfig.Builder builder = GuardConfig.builder()
                .database(p.getDatabase() != null ? p.getDatabase() : url)
                .dataSource(p.getDatabase() != null ? null : dataSource)
                .changelog(p.getChangelog())
                .required(p.getRequired())
                .freshDatabase(p.getFreshDatabase())
                .deadline(p.getDeadline())
                .heartbeat(p.getHeartbeat())
                .allowGaps(p.isAllowGaps())
                .ledger(LedgerSettings.of(p.getLedger()))
                .engineJudge(p.getEngineJudge())
                .integrity(integrity(p.getIntegrity()))
                .data(new DataExpectations(p.getSchemas(), p.getCanaries().stream().map(GuardConfigs::canary).toList(),
                        maxDrop(p.getShrinkGuard().getMaxDrop())))
                .connection(new ConnectionSettings(p.getUser(), p.getPassword(), p.getLockTimeout(), p.getStatementTimeout()));
        String manifest = p.getManifest();
        if (manifest != null) {
            builder.manifest(manifest);
        } else if (resources.getResource(SchemaGuardProperties.DEFAULT_MANIFEST).exists()) {
            builder.manifest(SchemaGuardProperties.DEFAULT_MANIFEST);
        }
        return builder.build();
    }

    private static Canary canary(SchemaGuardProperties.Canary c) {
        if (c.getTable() == null || c.getTable().isBlank()) {
            throw new GuardConfigException("schema-guard.canaries: each canary needs a table, for example schema-guard.canaries[0].table=users.");
        }
        return new Canary(c.getTable().trim(), c.getMinRows());
    }

    private static IntegritySettings integrity(SchemaGuardProperties.Integrity i) {
        return new IntegritySettings(i.getMode(), bytes(i.getSkipAbove()), i.isStamp(), i.getStampDir(), i.isDeferred());
    }

    static long bytes(String text) {
        try {
            return IntegritySettings.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new GuardConfigException("schema-guard.integrity.skip-above: " + e.getMessage() + ".");
        }
    }

    static Double maxDrop(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DataExpectations.parseShare(text);
        } catch (IllegalArgumentException e) {
            throw new GuardConfigException("schema-guard.shrink-guard.max-drop: " + e.getMessage() + ".");
        }
    }
}
