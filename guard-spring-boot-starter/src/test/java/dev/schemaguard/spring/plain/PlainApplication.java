package dev.schemaguard.spring.plain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with a DataSource and nothing else of its own: for what the starter does on its own. */
@SpringBootApplication
public class PlainApplication {
}
