package vn.congdoan.sangkien.localstack;

import java.util.regex.Pattern;

/** For tests: what an answer must never show a client: the names of Java classes, packages and library internals. */
public final class JavaNames {

    /**
     * A qualified name in a package of the JDK, of a library the services use or of the services themselves; a class
     * named like an exception; a library's internal type that its messages quote (Jackson's read constraints).
     */
    public static final Pattern PATTERN = Pattern.compile(
            "\\b(?:java|javax|jakarta|sun|com\\.fasterxml|org\\.(?:hibernate|jboss|apache|eclipse|postgresql)"
                    + "|io\\.(?:quarkus|vertx|smallrye|netty)|vn\\.congdoan)\\.[A-Za-z_]"
                    + "|\\b[A-Z][A-Za-z]+(?:Exception|Error)\\b|StreamReadConstraints|\\bat [a-z]+\\.[a-z]+\\.");

    private JavaNames() {
    }
}
