package dev.schemaguard.internal.boot;

import dev.schemaguard.spi.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The database's objects ({@link Dialect.Catalog#objects(Connection)}), listed only when a question needs
 * them all. A boot with nothing to apply asks about a few names (the ledger tables, the progress table,
 * the expected schemas); one narrow query ({@link Dialect.Catalog#objects(Connection, Set)}) answers those,
 * instead of listing every relation of the database (thousands of rows, most of a no-op boot's time on
 * PostgreSQL). Any other question, and any iteration, lists everything once, on the same connection, so
 * every answer is the one the full listing gives.
 *
 * <p>The boot lists everything itself ({@link #all()}) where it knows it will need it (a migration to
 * plan, no ledger, an expected schema not found), so that a failure to list is the SQLException it always
 * was; a question it did not foresee lists everything here and reports a failure as {@link Unreadable}.
 */
final class CatalogObjects extends AbstractSet<String> {
    private final Dialect.Catalog catalog;
    private final Connection connection;
    private final Set<String> asked;
    private final Set<String> found;
    private Set<String> all;

    private CatalogObjects(Dialect.Catalog catalog, Connection connection, Set<String> asked, Set<String> found) {
        this.catalog = catalog;
        this.connection = connection;
        this.asked = asked;
        this.found = found;
    }

    /** Asks the catalog about {@code names} (the bare, lower-case ones: the others are left to the full listing). */
    static CatalogObjects asking(Dialect.Catalog catalog, Connection connection, Set<String> names) throws SQLException {
        Set<String> bare = names.stream().filter(n -> !n.isEmpty() && n.indexOf('.') < 0 && n.equals(n.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        return new CatalogObjects(catalog, connection, bare, Set.copyOf(catalog.objects(connection, bare)));
    }

    /** Every object, listed on the first call. */
    Set<String> all() throws SQLException {
        if (all == null) {
            all = Set.copyOf(catalog.objects(connection));
        }
        return all;
    }

    /** Whether everything has been listed (a test's view of what the boot asked). */
    boolean listed() {
        return all != null;
    }

    @Override
    public boolean contains(Object name) {
        if (all == null && asked.contains(name)) {
            return found.contains(name);
        }
        return listing().contains(name);
    }

    @Override
    public Iterator<String> iterator() {
        return listing().iterator();
    }

    @Override
    public int size() {
        return listing().size();
    }

    private Set<String> listing() {
        try {
            return all();
        } catch (SQLException e) {
            throw new Unreadable(e);
        }
    }

    /** The full listing failed where a question about the objects could not throw it: its cause is the error. */
    static final class Unreadable extends RuntimeException {
        Unreadable(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
