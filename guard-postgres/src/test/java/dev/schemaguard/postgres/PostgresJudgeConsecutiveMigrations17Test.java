package dev.schemaguard.postgres;

/**
 * The same cases on the newer major (17): the judge's shortcuts lean on how the server keeps a
 * session's statistics, transaction ids and catalog rows, which PostgreSQL 15 reworked (statistics in
 * shared memory instead of a collector process).
 */
class PostgresJudgeConsecutiveMigrations17Test extends PostgresJudgeConsecutiveMigrationsTest {
    @Override
    PostgresServer server() {
        return PostgresServer.newerMajor();
    }
}
