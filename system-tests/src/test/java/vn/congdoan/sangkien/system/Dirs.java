package vn.congdoan.sangkien.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where a test class keeps its system's data and logs: under target/, so that they remain after a failure. */
final class Dirs {

    private Dirs() {
    }

    static Path fresh(String name) throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "system", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
