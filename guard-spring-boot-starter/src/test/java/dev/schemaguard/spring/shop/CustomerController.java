package dev.schemaguard.spring.shop;

import jakarta.persistence.EntityManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CustomerController {
    private final EntityManager entities;

    CustomerController(EntityManager entities) {
        this.entities = entities;
    }

    @GetMapping("/customers/count")
    long count() {
        return entities.createQuery("select count(c) from Customer c", Long.class).getSingleResult();
    }
}
