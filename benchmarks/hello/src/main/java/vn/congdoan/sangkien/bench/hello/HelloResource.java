package vn.congdoan.sangkien.bench.hello;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The simplest JSON endpoint Quarkus serves: what the standings are compared against. */
@Path("/hello")
public class HelloResource {

    public record Greeting(String message) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting hello() {
        return new Greeting("Xin chào");
    }
}
