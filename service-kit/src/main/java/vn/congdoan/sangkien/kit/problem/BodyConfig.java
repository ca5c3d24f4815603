package vn.congdoan.sangkien.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How large request bodies may be. */
@ConfigMapping(prefix = "max-body")
public interface BodyConfig {

    /**
     * Largest body of any request but a bulk import (an initiative with its longest texts is under 100 KB). Bulk
     * imports, whose path ends in {@code /import}, may send up to {@code quarkus.http.limits.max-body-size}
     * ({@code MAX_IMPORT_BODY_SIZE}).
     */
    @WithDefault("256K")
    MemorySize size();

    /** Whether a request's body is a bulk import's, which may be large. */
    static boolean isImport(String path) {
        return path != null && (path.endsWith("/import") || path.endsWith("/import/"));
    }
}
