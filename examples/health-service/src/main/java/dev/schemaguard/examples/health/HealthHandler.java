package dev.schemaguard.examples.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.schemaguard.DataPathProbe;
import dev.schemaguard.DataPathProbe.CanaryStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code GET /health}: runs the probe on every request (it is cheap: each canary is counted only up to min_rows). */
final class HealthHandler implements HttpHandler {
    private final DataPathProbe probe;

    HealthHandler(DataPathProbe probe) {
        this.probe = probe;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        DataPathProbe.Result result = probe.check();
        byte[] body = json(result).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(result.up() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String json(DataPathProbe.Result result) {
        StringBuilder out = new StringBuilder("{\"status\":\"").append(result.up() ? "up" : "down").append('"')
                .append(",\"reason\":").append(string(result.reason()))
                .append(",\"elapsed_ms\":").append(result.elapsed().toMillis())
                .append(",\"canaries\":[");
        for (int i = 0; i < result.canaries().size(); i++) {
            CanaryStatus c = result.canaries().get(i);
            out.append(i == 0 ? "" : ",").append("{\"table\":").append(string(c.table()))
                    .append(",\"rows\":").append(c.rows()).append(",\"min_rows\":").append(c.minRows())
                    .append(",\"ok\":").append(c.ok()).append(",\"reason\":").append(string(c.reason())).append('}');
        }
        return out.append("]}").toString();
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
