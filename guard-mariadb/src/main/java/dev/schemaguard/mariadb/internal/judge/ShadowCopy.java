package dev.schemaguard.mariadb.internal.judge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of the real database a rehearsal needs, and copying it into the scratch database: every table,
 * sequence, view and stored routine whose name the migration mentions ({@link Words}), every one their
 * definitions mention (a foreign key's parent, a view's tables, a function a view calls), and, for a view
 * reached that way, what it needs in turn, as {@code SHOW CREATE} gives them; views and routines without their DEFINER (they belong to this user in
 * the copy). Triggers and events are not copied: a trigger runs only on writes to rows, which the census
 * refuses anyway ({@link Census}). The copies hold no rows (no data leaves the real tables). Each copied
 * base table gets a marker, a trigger of the judge's own, which goes only when the table is created anew
 * ({@code CREATE OR REPLACE TABLE} with the same definition shows nowhere else); each copied sequence is
 * advanced once, so that one created anew shows in its state.
 */
final class ShadowCopy {
    /**
     * One object to copy: its name, kind ({@code BASE TABLE}, {@code VIEW}, {@code FUNCTION}, ...), definition,
     * and whether the real one holds rows (a base table; unknown counts as yes).
     */
    record Item(String name, String kind, String definition, boolean hasRows) {
        boolean isTable() {
            return !kind.equals("VIEW") && !isRoutine();
        }

        boolean isRoutine() {
            return kind.equals("FUNCTION") || kind.equals("PROCEDURE");
        }
    }

    /** Why the copy could not be made; the migration is then not judged. */
    static final class Uncopyable extends Exception {
        Uncopyable(String message) {
            super(message);
        }
    }

    /** The name of the marker trigger on a copied table, and a number. */
    static final String MARKER = "schema_guard_copy_";
    private static final Pattern DEFINER = Pattern.compile("(?i)\\bDEFINER\\s*=\\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\\s@]+)"
            + "(?:\\s*@\\s*(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|\\S+))?\\s+");

    private final List<Item> items;

    private ShadowCopy(List<Item> items) {
        this.items = List.copyOf(items);
    }

    List<Item> items() {
        return items;
    }

    /** The copied base tables whose real ones hold rows, by name. */
    Set<String> tablesWithRows() {
        Set<String> tables = new LinkedHashSet<>();
        items.stream().filter(Item::hasRows).forEach(i -> tables.add(i.name()));
        return tables;
    }

    /** The copied tables and sequences, by name. */
    Set<String> tables() {
        Set<String> tables = new LinkedHashSet<>();
        items.stream().filter(Item::isTable).forEach(i -> tables.add(i.name()));
        return tables;
    }

    /** Reads, with the real database as the default one, what the migration's text reaches. */
    static ShadowCopy plan(Connection connection, String real, List<String> statements) throws SQLException, Uncopyable {
        Map<String, String> kinds = existingObjects(connection, real);
        Set<String> named = new Words(String.join("\n", statements)).mentioned(kinds.keySet());
        Deque<String> queue = new ArrayDeque<>(named);
        Map<String, Item> chosen = new LinkedHashMap<>();
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (chosen.containsKey(name)) {
                continue;
            }
            String kind = kinds.get(name);
            Item item = new Item(name, kind, definition(connection, real, name, kind), isBaseTable(kind) && hasRows(connection, real, name));
            chosen.put(name, item);
            // What the migration names needs what its definition names (a foreign key's parent); a view needs what it
            // selects from, all the way down. A routine's body runs only when called, and a call is refused anyway.
            if ((named.contains(name) && !item.isRoutine()) || kind.equals("VIEW")) {
                queue.addAll(new Words(item.definition()).mentioned(kinds.keySet()));
            }
        }
        return new ShadowCopy(new ArrayList<>(chosen.values()));
    }

    /**
     * Creates the copies in the connection's default database (the scratch one): tables and sequences,
     * then routines, then views in an order that lets each find what it selects from.
     */
    void create(Connection connection) throws SQLException, Uncopyable {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.foreign_key_checks")) {
            rs.next();
            String foreignKeyChecks = rs.getString(1);
            s.execute("SET SESSION foreign_key_checks = 0"); // a foreign key's parent may not be copied
            try {
                for (Item item : items) {
                    if (!item.kind().equals("VIEW")) {
                        create(s, item);
                    }
                }
                createViews(s);
                int marker = 0;
                for (Item item : items) {
                    if (isBaseTable(item.kind())) {
                        create(s, new Item(item.name(), "marker of the table", "CREATE TRIGGER " + MARKER + marker++
                                + " BEFORE INSERT ON " + ScratchDatabase.quote(item.name()) + " FOR EACH ROW DO 0", false));
                    } else if (item.kind().equals("SEQUENCE")) {
                        create(s, new Item(item.name(), "state of the sequence", "DO NEXTVAL(" + ScratchDatabase.quote(item.name())
                                + ")", false));
                    }
                }
            } finally {
                s.execute("SET SESSION foreign_key_checks = " + ("0".equals(foreignKeyChecks) ? 0 : 1));
            }
        }
    }

    private void createViews(Statement s) throws Uncopyable {
        List<Item> views = new ArrayList<>(items.stream().filter(i -> i.kind().equals("VIEW")).toList());
        while (!views.isEmpty()) {
            List<Item> left = new ArrayList<>();
            SQLException last = null;
            for (Item view : views) {
                try {
                    s.execute(view.definition());
                } catch (SQLException e) {
                    left.add(view); // it may select from a view not created yet
                    last = e;
                }
            }
            if (left.size() == views.size()) {
                throw new Uncopyable("it could not copy the view " + left.get(0).name() + " (" + last.getMessage() + ")");
            }
            views = left;
        }
    }

    private static void create(Statement s, Item item) throws Uncopyable {
        try {
            s.execute(item.definition());
        } catch (SQLException e) {
            throw new Uncopyable("it could not copy the " + item.kind().toLowerCase(java.util.Locale.ROOT) + " " + item.name()
                    + " (" + e.getMessage() + ")");
        }
    }

    private static boolean isBaseTable(String kind) {
        return kind.equals("BASE TABLE") || kind.equals("SYSTEM VERSIONED");
    }

    /** Whether the real table holds a row; a table this user may not read counts as one that does. */
    private static boolean hasRows(Connection connection, String real, String table) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM "
                + ScratchDatabase.quote(real) + "." + ScratchDatabase.quote(table) + ")")) {
            return !rs.next() || rs.getBoolean(1);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Name to kind: the tables, views and sequences ({@code TABLE_TYPE}) and the functions and procedures of the database. */
    private static Map<String, String> existingObjects(Connection connection, String real) throws SQLException {
        Map<String, String> kinds = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE <> 'TEMPORARY' UNION ALL SELECT ROUTINE_NAME, ROUTINE_TYPE"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?")) {
            ps.setString(1, real);
            ps.setString(2, real);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    kinds.putIfAbsent(rs.getString(1), rs.getString(2));
                }
            }
        }
        return kinds;
    }

    private static String definition(Connection connection, String real, String name, String kind) throws Uncopyable {
        String what = switch (kind) {
            case "BASE TABLE", "SYSTEM VERSIONED" -> "TABLE";
            case "SEQUENCE", "VIEW", "FUNCTION", "PROCEDURE" -> kind;
            default -> throw new Uncopyable("it names the " + kind.toLowerCase(java.util.Locale.ROOT) + " " + name
                    + ", which a rehearsal does not copy");
        };
        String column = switch (what) {
            case "FUNCTION" -> "Create Function";
            case "PROCEDURE" -> "Create Procedure";
            case "VIEW" -> "Create View";
            default -> "Create Table";
        };
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE " + what + " " + ScratchDatabase.quote(real) + "." + ScratchDatabase.quote(name))) {
            String definition = rs.next() ? rs.getString(column) : null;
            if (definition == null) {
                throw new Uncopyable("it may not read the definition of the " + what.toLowerCase(java.util.Locale.ROOT) + " " + name);
            }
            return what.equals("VIEW") || what.equals("FUNCTION") || what.equals("PROCEDURE")
                    ? DEFINER.matcher(definition).replaceFirst("") : definition;
        } catch (SQLException e) {
            throw new Uncopyable("it could not read the definition of the " + what.toLowerCase(java.util.Locale.ROOT) + " " + name
                    + " (" + e.getMessage() + ")");
        }
    }
}
