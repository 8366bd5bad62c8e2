package dev.schemaguard.internal.verify;

import dev.schemaguard.Finding;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.internal.ledger.LedgerChoice;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.ledger.RequiredNames;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.boot.FreshPlan;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.manifest.ManifestEntry;
import dev.schemaguard.spi.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, without a database, that what a build ships satisfies its contract: the manifest is a
 * superset of the required migrations, every entry exists once with a matching pin and is additive,
 * and a fresh volume booting this packaging ends with every required migration applied.
 */
public final class Verifier {
    private Verifier() {
    }

    public static List<Finding> verify(GuardConfig config, boolean requirePins) {
        Changelog changelog = ChangelogLoader.load(config.changelog());
        Manifest manifest = Manifest.read(config.manifest());
        ConfigLines lines = new ConfigLines(config.source());
        List<Finding> findings = new ArrayList<>();
        String manifestName = manifest.file() == null ? "(no manifest)" : manifest.file().getFileName().toString();

        List<LedgerKind> kinds = LedgerChoice.offline(config.ledger());
        if (config.ledger().kind() != LedgerSettings.Kind.AUTO) {
            try {
                changelog = new Changelog(changelog.source(), kinds.get(0).migrations(changelog));
            } catch (GuardConfigException e) {
                findings.add(new Finding("ledger-name", changelog.source().toString(), e.getMessage()));
            }
        }
        List<String> requiredNames = RequiredNames.resolve(config.required(), changelog.migrations(), kinds);
        config = config.toBuilder().required(requiredNames).build();
        for (String required : config.required()) {
            if (changelog.find(required).isEmpty()) {
                findings.add(new Finding("required-not-in-changelog", lines.where(required),
                        required + " is required but is not in the changelog " + changelog.source()
                                + ". Ship the migration in the artifact, or fix the name."));
            } else if (manifest.find(required).isEmpty()) {
                findings.add(new Finding("required-not-in-manifest", lines.where(required),
                        required + " is required but " + manifestName + " does not allow it, so a fresh volume never gets it "
                                + "(incident 2). Add it to the manifest (it must be additive), or stop requiring it."));
            }
        }
        Map<String, ManifestEntry> seen = new HashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            ManifestEntry first = seen.putIfAbsent(entry.name(), entry);
            Migration migration = changelog.find(entry.name()).orElse(null);
            if (first != null) {
                findings.add(new Finding("manifest-duplicate", manifest.where(entry), entry.name()
                        + " is already listed at line " + first.line() + ". Keep one entry."));
            } else if (migration == null) {
                findings.add(new Finding("manifest-unknown-migration", manifest.where(entry), entry.name()
                        + " is not in the changelog " + changelog.source() + ". Fix the name, or ship the migration."));
            } else if (entry.pin() != null && !entry.pin().equals(migration.sha256())) {
                findings.add(new Finding("manifest-pin-mismatch", manifest.where(entry), entry.name() + " pins sha256="
                        + entry.pin() + " but " + migration.file().getFileName() + " has sha256=" + migration.sha256()
                        + ". The file changed after review: review it and update the pin."));
            } else if (entry.pin() == null && requirePins) {
                findings.add(new Finding("manifest-pin-missing", manifest.where(entry), entry.name()
                        + " is not pinned. Append sha256=" + migration.sha256() + " once the file is reviewed."));
            }
        }
        Dialect dialect = Dialects.forUrl(config.database());
        findings.addAll(FreshPlan.findings(changelog, manifest, config, dialect.sql(), dialect.name(), lines::where));
        return findings;
    }
}
