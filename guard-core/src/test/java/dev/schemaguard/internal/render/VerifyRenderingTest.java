package dev.schemaguard.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.VerifyReport;
import dev.schemaguard.VerifyReport.Finding;
import dev.schemaguard.testing.SarifSchema;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class VerifyRenderingTest {
    private static final Path REPO = Path.of("/work/repo");
    private static final Path MANIFEST = REPO.resolve("src/main/resources/db/boot-manifest.txt");
    private static final Path CONFIG = REPO.resolve("src/main/resources/db/schema-guard.yaml");

    private static final VerifyReport BROKEN = new VerifyReport(List.of(
            Finding.error("required-not-in-manifest", CONFIG, 6, "002_users_email.sql is required but boot-manifest.txt "
                    + "does not allow it, so a fresh volume never gets it"),
            Finding.error("manifest-unknown-migration", MANIFEST, 4, "004_typo.sql is not in the changelog " + REPO
                    + "/src/main/resources/db/migrations, 100% sure: fix it,\nor ship it"),
            Finding.warning("manifest-pin-missing", MANIFEST, 2, "002_users_email.sql is not pinned. Append sha256=abc"),
            Finding.error("not-additive", Path.of("/elsewhere/003 drop.sql"), 2, "003 drop.sql is in the manifest but drop-table")),
            null);

    @Test
    void sarif_isValidSarif210_withOneRulePerCheckAndRepoRelativeLocations() throws Exception {
        String sarif = BROKEN.render(VerifyReport.Format.SARIF, REPO);

        assertEquals(List.of(), SarifSchema.violations(sarif), sarif);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif);
        var run = json.get("runs").get(0);
        var rules = run.get("tool").get("driver").get("rules");
        assertEquals(Checks.all().size(), rules.size(), "every check is a rule, with help text");
        for (var rule : rules) {
            assertFalse(rule.get("help").get("text").asText().isBlank(), rule.toString());
        }
        var first = run.get("results").get(0);
        assertEquals("required-not-in-manifest", first.get("ruleId").asText());
        assertEquals("required-not-in-manifest", rules.get(first.get("ruleIndex").asInt()).get("id").asText());
        assertEquals("error", first.get("level").asText());
        var location = first.get("locations").get(0).get("physicalLocation");
        assertEquals("src/main/resources/db/schema-guard.yaml", location.get("artifactLocation").get("uri").asText());
        assertEquals("%SRCROOT%", location.get("artifactLocation").get("uriBaseId").asText());
        assertEquals(6, location.get("region").get("startLine").asInt());
        assertEquals("warning", run.get("results").get(2).get("level").asText());
        assertFalse(sarif.contains(REPO + "/"), "no absolute path under the working directory, in messages either: " + sarif);
        assertEquals("file:///elsewhere/003%20drop.sql", run.get("results").get(3).get("locations").get(0)
                .get("physicalLocation").get("artifactLocation").get("uri").asText(), "outside the checkout: an absolute URI");
    }

    @Test
    void sarif_ofACleanReport_isValidWithNoResults() {
        String sarif = new VerifyReport(List.of(), null).render(VerifyReport.Format.SARIF, REPO);

        assertEquals(List.of(), SarifSchema.violations(sarif), sarif);
        assertTrue(sarif.contains("\"results\": []"), sarif);
    }

    @Test
    void theSchemaCheck_rejectsWhatIsNotSarif() {
        String sarif = BROKEN.render(VerifyReport.Format.SARIF, REPO).replace("\"level\": \"warning\"", "\"level\": \"fatal\"");

        assertFalse(SarifSchema.violations(sarif).isEmpty(), "a level SARIF does not have is refused");
    }

    @Test
    void github_printsOneWorkflowCommandPerFinding_escapedAsTheToolkitDoes() {
        List<String> lines = BROKEN.render(VerifyReport.Format.GITHUB, REPO).lines().toList();

        assertEquals("::error file=src/main/resources/db/schema-guard.yaml,line=6,title=required-not-in-manifest::"
                + "002_users_email.sql is required but boot-manifest.txt does not allow it, so a fresh volume never gets it", lines.get(0));
        assertEquals("::error file=src/main/resources/db/boot-manifest.txt,line=4,title=manifest-unknown-migration::"
                + "004_typo.sql is not in the changelog src/main/resources/db/migrations, 100%25 sure: fix it,%0Aor ship it", lines.get(1));
        assertEquals("::warning file=src/main/resources/db/boot-manifest.txt,line=2,title=manifest-pin-missing::"
                + "002_users_email.sql is not pinned. Append sha256=abc", lines.get(2));
        assertEquals("verify: 3 finding(s), 1 warning(s)", lines.get(lines.size() - 1));
    }

    @Test
    void githubProperties_escapeColonsAndCommasToo() {
        assertEquals("a%3Ab%2Cc%25d%0Ae", GithubReport.property("a:b,c%d\ne"));
        assertEquals("a:b,c%25d%0D%0Ae", GithubReport.data("a:b,c%d\r\ne"));
    }

    @Test
    void junit_hasOneTestCasePerCheck_failingThoseWithErrors_skippingWhatDidNotRun() throws Exception {
        String xml = BROKEN.render(VerifyReport.Format.JUNIT, REPO);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(Checks.all().size(), cases.getLength(), xml);
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"), "simulate-fresh did not run");
        Element unknown = testCase(cases, "manifest-unknown-migration");
        assertTrue(unknown.getElementsByTagName("failure").item(0).getTextContent()
                .contains("src/main/resources/db/boot-manifest.txt:4: manifest-unknown-migration: 004_typo.sql"), xml);
        Element pins = testCase(cases, "manifest-pin-missing");
        assertEquals(0, pins.getElementsByTagName("failure").getLength(), "a warning does not fail its test case");
        assertTrue(pins.getElementsByTagName("system-out").item(0).getTextContent().contains("warning: manifest-pin-missing"));
        assertEquals(0, testCase(cases, "manifest-duplicate").getChildNodes().getLength(), "a check that found nothing passes");
    }

    @Test
    void json_hasASchemaVersion_andEachFindingsFileAndLineApart() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(BROKEN.render(VerifyReport.Format.JSON, REPO));

        assertEquals(2, json.get("schemaVersion").asInt());
        assertFalse(json.get("clean").asBoolean());
        var finding = json.get("findings").get(1);
        assertEquals("manifest-unknown-migration", finding.get("check").asText());
        assertEquals("error", finding.get("severity").asText());
        assertEquals("src/main/resources/db/boot-manifest.txt", finding.get("file").asText());
        assertEquals(4, finding.get("line").asInt());
        assertTrue(finding.get("message").asText().contains("not in the changelog src/main/resources/db/migrations"));
        assertTrue(json.get("simulated").isNull());
    }

    @Test
    void text_namesEachFindingAtItsRelativePath_thenASummary() {
        List<String> lines = BROKEN.render(VerifyReport.Format.TEXT, REPO).lines().toList();

        assertEquals("src/main/resources/db/schema-guard.yaml:6: required-not-in-manifest: 002_users_email.sql is required "
                + "but boot-manifest.txt does not allow it, so a fresh volume never gets it", lines.get(0));
        assertEquals("src/main/resources/db/boot-manifest.txt:2: warning: manifest-pin-missing: 002_users_email.sql is not pinned. "
                + "Append sha256=abc", lines.get(3), "the message's own line break stays: " + lines);
        assertEquals("verify: 3 finding(s), 1 warning(s)", lines.get(lines.size() - 1));
    }

    @Test
    void aWarningAlone_leavesTheReportClean() {
        VerifyReport report = new VerifyReport(List.of(Finding.warning("manifest-pin-missing", MANIFEST, 2, "not pinned")), null);

        assertTrue(report.clean());
        assertTrue(report.render(VerifyReport.Format.TEXT, REPO).endsWith("verify: clean, 1 warning(s)\n"));
    }

    @Test
    void theCatalogueOfChecks_isTheTableInDocsVerifyMd() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("../docs/verify.md"));
        String checks = doc.substring(doc.indexOf("## Checks"), doc.indexOf("\n## ", doc.indexOf("## Checks")));
        List<String> documented = checks.lines().filter(l -> l.startsWith("| `")).map(l -> l.substring(3, l.indexOf('`', 3))).toList();

        assertEquals(documented, Checks.all().stream().map(Checks.Check::id).toList());
    }

    private static Element testCase(NodeList cases, String name) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no test case " + name);
    }
}
