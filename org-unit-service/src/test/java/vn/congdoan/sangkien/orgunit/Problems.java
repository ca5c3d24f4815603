package vn.congdoan.sangkien.orgunit;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/** What a refused request answers: a problem+json document, naming the offending field where there is one. */
final class Problems {

    private Problems() {
    }

    static ResponseSpecification problem(int status) {
        return new ResponseSpecBuilder().expectStatusCode(status).expectContentType("application/problem+json").build();
    }

    static ResponseSpecification problem(int status, String field) {
        return new ResponseSpecBuilder().addResponseSpecification(problem(status)).expectBody("field", equalTo(field))
                .build();
    }
}
