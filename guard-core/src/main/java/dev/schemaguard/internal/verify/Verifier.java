package dev.schemaguard.internal.verify;

import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.LedgerSettings;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.internal.Dialects;
import dev.schemaguard.internal.boot.FreshPlan;
import dev.schemaguard.internal.changelog.Changelog;
import dev.schemaguard.internal.changelog.ChangelogLoader;
import dev.schemaguard.internal.changelog.Migration;
import dev.schemaguard.internal.ledger.LedgerChoice;
import dev.schemaguard.internal.ledger.LedgerKind;
import dev.schemaguard.internal.ledger.RequiredNames;
import dev.schemaguard.internal.manifest.Manifest;
import dev.schemaguard.internal.manifest.ManifestEntry;
import dev.schemaguard.spi.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, without a database, that what a build ships satisfies its contract: the manifest is a
 * superset of the required migrations, every entry exists once with a matching pin (an unpinned entry is a
 * warning, or with {@code requirePins} an error) and is additive,
 * and a fresh volume booting this packaging ends with every required migration applied. What a boot
 * would decide comes from the boot's own planner ({@link FreshPlan}); only what a boot does not
 * check (a duplicate entry, an unpinned one) is verify's own.
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
        // Names, not absolute paths: each finding carries its file, and CI shows it relative to the checkout.
        String changelogName = changelog.source().getFileName().toString();

        List<LedgerKind> kinds = LedgerChoice.offline(config.ledger());
        if (config.ledger().kind() != LedgerSettings.Kind.AUTO) {
            try {
                changelog = new Changelog(changelog.source(), kinds.get(0).migrations(changelog));
            } catch (GuardConfigException e) {
                findings.add(Finding.error("ledger-name", changelog.source(), 0, e.getMessage()));
            }
        }
        List<String> requiredNames = RequiredNames.resolve(config.required(), changelog.migrations(), kinds);
        config = config.toBuilder().required(requiredNames).build();
        Dialect dialect = Dialects.forUrl(config.database());
        FreshPlan plan = FreshPlan.of(changelog, manifest, config, dialect.sql(), dialect.name());
        for (String required : config.required()) {
            FreshPlan.Missing missing = plan.missing(required).orElse(null);
            if (missing == FreshPlan.Missing.NOT_IN_CHANGELOG) {
                findings.add(Finding.error("required-not-in-changelog", lines.file(), lines.lineOf(required),
                        required + " is required but is not in the changelog " + changelogName
                                + ". Ship the migration in the artifact, or fix the name."));
            } else if (missing == FreshPlan.Missing.NOT_IN_MANIFEST) {
                findings.add(Finding.error("required-not-in-manifest", lines.file(), lines.lineOf(required),
                        required + " is required but " + manifestName + " does not allow it, so a fresh volume never gets it "
                                + "(incident 2). Add it to the manifest (it must be additive), or stop requiring it."));
            }
        }
        Map<String, ManifestEntry> seen = new HashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            ManifestEntry first = seen.putIfAbsent(entry.name(), entry);
            Migration migration = changelog.find(entry.name()).orElse(null);
            if (first != null) {
                findings.add(Finding.error("manifest-duplicate", manifest.file(), entry.line(), entry.name()
                        + " is already listed at line " + first.line() + ". Keep one entry."));
            } else if (plan.unknownInManifest(entry.name())) {
                findings.add(Finding.error("manifest-unknown-migration", manifest.file(), entry.line(), entry.name()
                        + " is not in the changelog " + changelogName + ". Fix the name, or ship the migration."));
            } else if (plan.pinMismatch(entry.name())) {
                findings.add(Finding.error("manifest-pin-mismatch", manifest.file(), entry.line(), entry.name() + " pins sha256="
                        + entry.pin() + " but " + migration.file().getFileName() + " has sha256=" + migration.sha256()
                        + ". The file changed after review: review it and update the pin."));
            } else if (entry.pin() == null && migration != null) {
                // Unpinned is allowed, so it is a warning; --require-pins makes it an error.
                String message = entry.name() + " is not pinned. Append sha256=" + migration.sha256() + " once the file is reviewed.";
                findings.add(requirePins ? Finding.error("manifest-pin-missing", manifest.file(), entry.line(), message)
                        : Finding.warning("manifest-pin-missing", manifest.file(), entry.line(), message));
            }
        }
        findings.addAll(plan.migrationFindings(lines.file(), lines::lineOf));
        return findings;
    }
}
