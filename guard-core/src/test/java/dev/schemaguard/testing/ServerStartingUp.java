package dev.schemaguard.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Plays a database server that is still starting on a port: it takes each connection and drops it,
 * as a server not yet ready to talk does. Unlike a fixed sleep before starting the real server, it
 * knows that the boot has begun: it returns only after the boot's first attempt, and only once it
 * has turned the boot's attempts away for the whole time asked, however slow the machine.
 */
public final class ServerStartingUp {
    private ServerStartingUp() {
    }

    /** Turns the boot's attempts on {@code port} away for at least {@code atLeast} after the first one. */
    public static void turnAwayFor(int port, Duration atLeast) throws IOException {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setSoTimeout(60_000);
            socket.accept().close();
            long until = System.nanoTime() + atLeast.toNanos();
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                try {
                    socket.accept().close();
                } catch (SocketTimeoutException quiet) {
                    // no attempt in the time left: the boot is waiting out its backoff
                }
            }
        }
    }
}
