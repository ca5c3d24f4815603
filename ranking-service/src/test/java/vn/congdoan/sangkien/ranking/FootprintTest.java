package vn.congdoan.sangkien.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ranking-service maps no entities: its SQL is plain JDBC, and so is the kit's (API keys, audit, outbox). Hibernate
 * ORM would load thousands of classes into it for nothing, against its resident-memory budget (see
 * benchmarks/FINDINGS.md, "what ranking-service's memory holds").
 */
class FootprintTest {

    @Test
    void hibernateOrmIsNotOnTheClasspath() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(loader.getResource("org/hibernate/Session.class")).isNull();
        assertThat(loader.getResource("io/quarkus/hibernate/orm/runtime/HibernateOrmRecorder.class")).isNull();
    }
}
