package vn.congdoan.sangkien.orgunit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;

/**
 * A test that acts on a {@link Units.Tree} of its own: one per test class, made before the class's first test (REST
 * Assured knows the application's random port only from then on) and kept for the ones after it.
 */
abstract class OwnTreeTest {

    private static final Map<Class<?>, Units.Tree> TREES = new ConcurrentHashMap<>();

    /** This test class's units. */
    Units.Tree tree;

    @BeforeEach
    void findOrMakeTree() {
        tree = TREES.computeIfAbsent(getClass(), test -> Units.tree(test.getSimpleName()));
    }
}
