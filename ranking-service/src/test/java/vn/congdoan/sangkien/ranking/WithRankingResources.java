package vn.congdoan.sangkien.ranking;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import vn.congdoan.sangkien.testsupport.KafkaResource;
import vn.congdoan.sangkien.testsupport.PostgresResource;

/**
 * The PostgreSQL database and Kafka broker this service's {@code @QuarkusTest}s run against, named once: classes that
 * name the same resources share one running application instead of starting another.
 */
@WithTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "ranking"))
@WithTestResource(KafkaResource.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface WithRankingResources {
}
