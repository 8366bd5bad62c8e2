package dev.schemaguard.spring;

import dev.schemaguard.BootReport;
import dev.schemaguard.spring.shop.ShopApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the shop service as `java -jar` would, on a random port, with the test's properties on top. */
final class Shop implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    final ConfigurableApplicationContext context;

    private Shop(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static Shop start(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.putAll(properties);
        return new Shop(new SpringApplicationBuilder(ShopApplication.class).properties(all).run());
    }

    /** SQLite through Hibernate's community dialect. */
    static Map<String, Object> sqlite(String url) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.jpa.database-platform", "org.hibernate.community.dialect.SQLiteDialect");
        return properties;
    }

    BootReport report() {
        return context.getBean(SchemaGuardInitializer.class).report();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        context.close();
    }
}
