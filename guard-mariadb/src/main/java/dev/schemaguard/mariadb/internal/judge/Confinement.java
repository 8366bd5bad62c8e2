package dev.schemaguard.mariadb.internal.judge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a migration can be rehearsed on a scratch copy at all. The rehearsal runs the migration's own
 * text with the copy as the default database, so anything the text reaches beyond the default database
 * would happen for real: a name qualified with this or another database, a new database, the server's
 * accounts, grants and global settings, files. Such a migration is not rehearsed. Read as words, not
 * parsed (see {@link Words}): a database's name or one of these keywords anywhere in the text, even in a
 * comment, is enough; that errs on the side of not rehearsing.
 */
final class Confinement {
    /** Databases every server has, whether or not this user may see them. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("mysql", "information_schema", "performance_schema", "sys");
    /** Words that only statements beyond one database's objects use (databases, accounts, grants, the server, files). */
    private static final List<String> SERVER_WORDS = List.of("database", "databases", "schema", "schemas", "grant", "revoke",
            "global", "kill", "flush", "shutdown", "purge", "binlog", "plugin", "soname", "outfile", "dumpfile", "infile",
            "load_file");
    /** Pairs of words for the same, where either word alone is a common column name (user, role, password, server). */
    private static final Pattern SERVER_PHRASES = Pattern.compile("(?i)\\b(?:(?:create|alter|drop|rename)\\s+(?:user|role|server)"
            + "|set\\s+(?:password|role|default\\s+role)|(?:change|start|stop|reset)\\s+(?:master|slave|replica|all\\s+slaves))\\b");

    private Confinement() {
    }

    /**
     * Why the migration cannot be confined to a scratch copy, in words for the warning; empty when it can.
     *
     * @param databases  the databases on the server this user can see
     * @param current    the database the migration is for
     */
    static Optional<String> why(List<String> statements, Set<String> databases, String current) {
        Words words = new Words(String.join("\n", statements));
        if (words.mentions(current)) {
            return Optional.of("it names this database, " + current + ", which reaches the real tables from any copy; write its "
                    + "names unqualified");
        }
        Set<String> others = new TreeSet<>(SYSTEM_DATABASES);
        databases.stream().filter(d -> !ScratchDatabase.isScratch(d)).forEach(others::add);
        Optional<String> other = words.mentioned(others).stream().findFirst();
        if (other.isPresent()) {
            return Optional.of("it names the database " + other.get() + ", beyond the one it is for, which a rehearsal on a copy "
                    + "cannot keep it from changing");
        }
        for (String word : SERVER_WORDS) {
            if (words.mentions(word)) {
                return Optional.of("it says " + word.toUpperCase(Locale.ROOT) + ", which reaches beyond the database's own objects "
                        + "(databases, accounts, grants, the server's settings or files), where a rehearsal on a copy would act for real");
            }
        }
        Matcher phrase = SERVER_PHRASES.matcher(String.join("\n", statements));
        if (phrase.find()) {
            return Optional.of("it says " + phrase.group().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") + ", which acts on the "
                    + "server beyond the database, where a rehearsal on a copy would act for real");
        }
        return Optional.empty();
    }
}
