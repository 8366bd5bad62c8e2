package dev.schemaguard.spring.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small service as users write them: JPA, JdbcTemplate, a web controller, Actuator. */
@SpringBootApplication
public class ShopApplication {
}
