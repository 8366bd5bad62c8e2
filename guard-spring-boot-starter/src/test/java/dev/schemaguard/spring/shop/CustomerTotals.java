package dev.schemaguard.spring.shop;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A JdbcTemplate user that reads the guard's table while the context starts: it can only work when
 * the guard ran first.
 */
@Component
class CustomerTotals {
    private final long atStart;

    CustomerTotals(JdbcTemplate jdbc) {
        this.atStart = jdbc.queryForObject("SELECT count(*) FROM customers", Long.class);
    }

    long atStart() {
        return atStart;
    }
}
