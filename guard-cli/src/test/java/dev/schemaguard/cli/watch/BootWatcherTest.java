package dev.schemaguard.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays of the incidents' log shapes, and the edges of each rule. */
class BootWatcherTest {

    static String start(String boot) {
        return "SCHEMA_GUARD phase=boot status=STARTED boot=" + boot + " db=/data/app.db version=1.4.0";
    }

    static String phase(String boot, String phase, String status) {
        return "SCHEMA_GUARD phase=" + phase + " status=" + status + " boot=" + boot + " elapsed_ms=10";
    }

    static String pass(String boot) {
        return "SCHEMA_GUARD result=PASS code=OK db=/data/app.db applied=12 pending=0 integrity=ok elapsed_ms=900 boot=" + boot;
    }

    /** Incident 2's final line, as the guard prints it. */
    static String requiredMissing(String boot) {
        return "SCHEMA_GUARD result=FAIL code=REQUIRED_MIGRATIONS_MISSING db=/data/app.db applied=7 pending=5"
                + " integrity=ok elapsed_ms=812 boot=" + boot
                + " missing=0008_sessions,0009_audit_log,0010_add_user_locale,0011_add_org_plan,0012_v_active_users"
                + " reason=\"required migrations missing from schema_migrations and not allowed by the boot manifest\"";
    }

    // --- incident 1: the integrity check that never finishes -------------------------------

    @Test
    void integrityCheckSilentBeyondStallIsHangOnce() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d"))
                .line(phase("1a2b3c4d", "integrity_check", "STARTED"))
                .atSeconds(60);
        assertEquals(List.of(), rig.alerts, "60 s of silence is the limit, not beyond it");
        rig.atSeconds(61).atSeconds(600);
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=HANG code=none boot=1a2b3c4d db=/data/app.db phase=integrity_check"
                + " reason=\"no output for more than 1m after phase=integrity_check status=STARTED\""), rig.alertLines());
    }

    @Test
    void heartbeatsWithinTheStallAreSlowNotHung() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d"))
                .line(phase("1a2b3c4d", "integrity_check", "STARTED"));
        for (int s = 5; s <= 30 * 60; s += 5) {
            rig.atSeconds(s).line(phase("1a2b3c4d", "integrity_check", "RUNNING"));
        }
        rig.line(phase("1a2b3c4d", "integrity_check", "DONE")).line(pass("1a2b3c4d")).atSeconds(3 * 3600).end();
        assertEquals(List.of(), rig.alerts);
    }

    @Test
    void heartbeatsThatStopAreAHang() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d"))
                .line(phase("1a2b3c4d", "integrity_check", "STARTED"))
                .atSeconds(5).line(phase("1a2b3c4d", "integrity_check", "RUNNING"))
                .atSeconds(65);
        assertEquals(List.of(), rig.alerts);
        rig.atSeconds(66);
        assertEquals(1, rig.alertsOf(Alert.Shape.HANG).size());
    }

    @Test
    void hangVerdictLineIsAHangAndNotRepeatedAfterTheStallAlert() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d"))
                .line(phase("1a2b3c4d", "integrity_check", "STARTED"))
                .atSeconds(90)
                .line("SCHEMA_GUARD result=HANG code=DEADLINE_EXCEEDED db=/data/app.db applied=0 pending=0 integrity=off"
                        + " elapsed_ms=90000 boot=1a2b3c4d phase=integrity_check");
        assertEquals(1, rig.alerts.size(), rig.alertLines().toString());

        WatchRig fast = new WatchRig()
                .line(start("5e6f7a8b"))
                .line("SCHEMA_GUARD result=HANG code=DEADLINE_EXCEEDED db=/data/app.db applied=0 pending=0"
                        + " integrity=off elapsed_ms=30000 boot=5e6f7a8b phase=lock_wait");
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=HANG code=DEADLINE_EXCEEDED boot=5e6f7a8b db=/data/app.db"
                + " phase=lock_wait"), fast.alertLines());
    }

    // --- incident 2 and 3: the clean exit with a FAIL line ---------------------------------

    @Test
    void requiredMigrationsMissingIsAFailWithCodeAndMissingList() {
        WatchRig rig = new WatchRig().line(start("1a2b3c4d")).line(requiredMissing("1a2b3c4d"));
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=FAIL code=REQUIRED_MIGRATIONS_MISSING boot=1a2b3c4d db=/data/app.db"
                + " missing=0008_sessions,0009_audit_log,0010_add_user_locale,0011_add_org_plan,0012_v_active_users"
                + " reason=\"required migrations missing from schema_migrations and not allowed by the boot manifest\""),
                rig.alertLines());
        rig.atSeconds(3600).end();
        assertEquals(1, rig.alerts.size(), "a boot with a verdict is closed: no HANG or SILENT later");
    }

    @Test
    void deferredIntegrityFailureAfterPassIsAFailAndItsPhaseLinesDoNotReopenTheBoot() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d")).line(pass("1a2b3c4d"))
                .line(phase("1a2b3c4d", "deferred_integrity_check", "STARTED"))
                .atSeconds(600)
                .line("SCHEMA_GUARD result=FAIL code=INTEGRITY_FAILED phase=deferred_integrity_check db=/data/app.db"
                        + " applied=12 pending=0 integrity=failed elapsed_ms=600000 boot=1a2b3c4d reason=\"page 4711: btree\"")
                .end();
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=FAIL code=INTEGRITY_FAILED boot=1a2b3c4d db=/data/app.db"
                + " phase=deferred_integrity_check reason=\"page 4711: btree\""), rig.alertLines());
    }

    // --- incident 2's restart loop: CRASH_LOOP ---------------------------------------------

    @Test
    void threeFailedBootsWithinTheWindowAreOneCrashLoop() {
        WatchRig rig = new WatchRig();
        String[] boots = {"00000001", "00000002", "00000003", "00000004", "00000005"};
        for (int i = 0; i < boots.length; i++) {
            rig.at(Duration.ofMinutes(2L * i)).line(start(boots[i])).line(requiredMissing(boots[i]));
        }
        assertEquals(5, rig.alertsOf(Alert.Shape.FAIL).size());
        List<Alert> loops = rig.alertsOf(Alert.Shape.CRASH_LOOP);
        assertEquals(1, loops.size(), "once per episode");
        assertEquals("SCHEMA_GUARD_ALERT shape=CRASH_LOOP code=REQUIRED_MIGRATIONS_MISSING boot=00000003 db=/data/app.db"
                + " reason=\"3 boots started within 10m ended without PASS\" boots=3 window=10m", loops.get(0).toLine());
        assertEquals(Alert.Shape.CRASH_LOOP, rig.alerts.get(3).shape(), "the loop is raised right after the 3rd FAIL");
    }

    @Test
    void threeFailedBootsSpreadBeyondTheWindowAreNoCrashLoop() {
        WatchRig rig = new WatchRig();
        for (int i = 0; i < 6; i++) {
            String boot = "0000000" + i;
            rig.at(Duration.ofMinutes(6L * i)).line(start(boot)).line(requiredMissing(boot));
        }
        assertEquals(6, rig.alertsOf(Alert.Shape.FAIL).size());
        assertEquals(List.of(), rig.alertsOf(Alert.Shape.CRASH_LOOP));
    }

    @Test
    void aPassEndsTheEpisodeAndReArmsTheLoop() {
        WatchRig rig = new WatchRig();
        rig.line(start("00000001")).line(requiredMissing("00000001"))
                .atSeconds(60).line(start("00000002")).line(requiredMissing("00000002"))
                .atSeconds(120).line(start("00000003")).line(pass("00000003"))
                .atSeconds(180).line(start("00000004")).line(requiredMissing("00000004"));
        assertEquals(List.of(), rig.alertsOf(Alert.Shape.CRASH_LOOP), "the PASS reset the count");
        rig.atSeconds(240).line(start("00000005")).line(requiredMissing("00000005"))
                .atSeconds(300).line(start("00000006")).line(requiredMissing("00000006"));
        assertEquals(1, rig.alertsOf(Alert.Shape.CRASH_LOOP).size());
    }

    @Test
    void incidentOneRestartLoopIsHangPerBootThenCrashLoop() {
        WatchRig rig = new WatchRig();
        for (int i = 0; i < 3; i++) {
            String boot = "a000000" + i;
            rig.atSeconds(62L * i).line(start(boot)).line(phase(boot, "integrity_check", "STARTED"));
        }
        rig.atSeconds(62 * 3);
        assertEquals(3, rig.alertsOf(Alert.Shape.HANG).size());
        assertEquals(List.of(), rig.alertsOf(Alert.Shape.SILENT), "already alerted as HANG: one alert per boot");
        assertEquals(1, rig.alertsOf(Alert.Shape.CRASH_LOOP).size());
    }

    // --- SILENT: killed before its verdict --------------------------------------------------

    @Test
    void bootKilledBeforeItsVerdictIsSilentOnceTheNextBootStartedAndItStayedQuiet() {
        WatchRig rig = new WatchRig()
                .line(start("1a2b3c4d")).line(phase("1a2b3c4d", "ledger_read", "STARTED"))
                .atSeconds(10).line(start("5e6f7a8b")).line(phase("5e6f7a8b", "ledger_read", "STARTED"))
                .atSeconds(24).line(phase("5e6f7a8b", "ledger_read", "DONE"));
        assertEquals(List.of(), rig.alerts, "within the grace it may still be an interleaved replica");
        rig.atSeconds(25).line(pass("5e6f7a8b")).atSeconds(600).end();
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=SILENT code=none boot=1a2b3c4d db=/data/app.db phase=ledger_read"
                + " reason=\"a newer boot started and this one printed nothing for 15s and no verdict\""), rig.alertLines());
    }

    @Test
    void bootOpenAtEndOfInputIsSilent() {
        WatchRig rig = new WatchRig().line(start("1a2b3c4d")).line(phase("1a2b3c4d", "migrate", "STARTED"))
                .atSeconds(3).end();
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=SILENT code=none boot=1a2b3c4d db=/data/app.db phase=migrate"
                + " reason=\"input ended before the boot printed a verdict\""), rig.alertLines());
    }

    @Test
    void anonymousBootsFromOlderGuardsAreOneLineageAndARestartSupersedesAtOnce() {
        WatchRig rig = new WatchRig()
                .line("SCHEMA_GUARD phase=boot status=STARTED db=/data/app.db version=0.9")
                .line("SCHEMA_GUARD phase=migrate status=STARTED elapsed_ms=3")
                .atSeconds(2).line("SCHEMA_GUARD phase=boot status=STARTED db=/data/app.db version=0.9");
        assertEquals(List.of("SCHEMA_GUARD_ALERT shape=SILENT code=none boot=none db=/data/app.db phase=migrate"
                + " reason=\"a new boot started before this one printed a verdict\""), rig.alertLines());
        rig.line("SCHEMA_GUARD result=PASS code=OK db=/data/app.db applied=3 pending=0 integrity=ok elapsed_ms=9")
                .atSeconds(900).end();
        assertEquals(1, rig.alerts.size());
    }

    // --- interleaved replicas ---------------------------------------------------------------

    @Test
    void interleavedReplicasThatKeepPrintingAreNotSilent() {
        WatchRig rig = new WatchRig();
        String[] replicas = {"aaaaaaa1", "bbbbbbb2", "ccccccc3"};
        for (String r : replicas) {
            rig.line(start(r));
        }
        for (int s = 5; s <= 45; s += 5) {
            rig.atSeconds(s);
            for (String r : replicas) {
                rig.line(phase(r, "integrity_check", "RUNNING"));
            }
        }
        rig.line(pass("ccccccc3")).line(requiredMissing("aaaaaaa1")).line(pass("bbbbbbb2")).atSeconds(3600).end();
        assertEquals(List.of("FAIL"), rig.alerts.stream().map(a -> a.shape().name()).toList());
        assertEquals("aaaaaaa1", rig.alerts.get(0).boot());
    }

    @Test
    void aReplicaThatDiesWhileOthersBootIsSilentAndTheOthersAreNot() {
        WatchRig rig = new WatchRig().line(start("aaaaaaa1")).line(start("bbbbbbb2"));
        for (int s = 5; s <= 40; s += 5) {
            rig.atSeconds(s).line(phase("bbbbbbb2", "migrate", "RUNNING"));
        }
        rig.line(pass("bbbbbbb2"));
        assertEquals(1, rig.alerts.size());
        assertEquals(Alert.Shape.SILENT, rig.alerts.get(0).shape());
        assertEquals("aaaaaaa1", rig.alerts.get(0).boot());
    }

    // --- the healthy stream -----------------------------------------------------------------

    @Test
    void healthyStreamOfPassBootsWithPrefixesAndNoiseRaisesNothing() {
        WatchRig rig = new WatchRig();
        for (int i = 0; i < 20; i++) {
            String boot = String.format("%08x", 0xbeef0000 + i);
            String ts = WatchRig.T0.plusSeconds(300L * i) + " ";
            rig.at(Duration.ofMinutes(5L * i))
                    .line(ts + start(boot))
                    .line("Jan 15 03:00:01 web-1 app[42]: INFO starting pool")
                    .line("Jan 15 03:00:01 web-1 app[42]: " + phase(boot, "ledger_read", "STARTED"))
                    .line("03:00:01.020 [main] INFO  dev.schemaguard - " + phase(boot, "ledger_read", "DONE"))
                    .line("web-1  | " + pass(boot))
                    .line("garbage \u0000 SCHEMA_GUARD \"unterminated");
        }
        rig.atSeconds(24 * 3600).end();
        assertEquals(List.of(), rig.alerts);
    }

    @Test
    void attachingMidBootStillWatchesIt() {
        WatchRig rig = new WatchRig().line(phase("1a2b3c4d", "migrate", "RUNNING")).atSeconds(61);
        assertEquals(1, rig.alertsOf(Alert.Shape.HANG).size());
        assertTrue(rig.alerts.get(0).reason().contains("phase=migrate status=RUNNING"));
    }
}
