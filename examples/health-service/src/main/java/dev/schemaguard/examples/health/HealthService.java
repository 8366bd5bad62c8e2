package dev.schemaguard.examples.health;

import com.sun.net.httpserver.HttpServer;
import dev.schemaguard.DataPathProbe;
import dev.schemaguard.GuardConfig;
import dev.schemaguard.GuardConfigException;
import dev.schemaguard.SchemaGuard;
import dev.schemaguard.SchemaGuardException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny service that refuses to start unless Schema Guard passes, then serves {@code /health}
 * with a {@link DataPathProbe}: 200 while the canary tables hold data, 503 with the reason when not.
 *
 * <pre>java ... HealthService schema-guard.yaml     (PORT=8080 by default)</pre>
 */
public final class HealthService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

    private final HttpServer server;

    private HealthService(HttpServer server) {
        this.server = server;
    }

    /**
     * Boots the guard first: on FAIL or HANG it throws {@link SchemaGuardException} and nothing listens.
     * Only then does the service open its port.
     */
    public static HealthService start(GuardConfig config, InetSocketAddress address) throws IOException {
        SchemaGuard.of(config).bootOrThrow();
        // A real service passes its pool's DataSource, so that /health takes the path requests take.
        DataPathProbe probe = DataPathProbe.of(config.database(), config.data().canaries());
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/health", new HealthHandler(probe));
        server.start();
        return new HealthService(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws IOException {
        Path config = Path.of(args.length > 0 ? args[0] : "schema-guard.yaml");
        // The example keeps its data under target/; a real service's data folder is its mounted
        // volume, which it never creates (a missing one is what Schema Guard must report).
        java.nio.file.Files.createDirectories(Path.of("target", "health-service"));
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        try {
            HealthService service = start(SchemaGuard.fromConfigFile(config).config(), new InetSocketAddress(port));
            LOG.info("serving /health on port {}", service.port());
        } catch (GuardConfigException e) {
            LOG.error("not starting: {}", e.getMessage());
            System.exit(2);
        } catch (SchemaGuardException e) {
            // The guard already logged its verdict line; the exit status tells the platform not to route traffic here.
            LOG.error("not starting: Schema Guard says {} {}", e.report().verdict(), e.report().code());
            System.exit(1);
        }
    }
}
