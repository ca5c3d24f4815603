package vn.congdoan.sangkien.kit.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The development key pair is in the repository, so anyone can sign tokens with it: the prod profile refuses to
 * start with its public key.
 */
@ApplicationScoped
public class DevKeyGuard {

    public static final String DEV_PUBLIC_KEY = "dev-jwt/publicKey.pem";

    private final String keyLocation;

    public DevKeyGuard(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String keyLocation) {
        this.keyLocation = keyLocation;
    }

    void check(@Observes StartupEvent event) {
        if (refuses(ConfigUtils.getProfiles(), keyLocation)) {
            throw new IllegalStateException("Refusing to start: the prod profile is configured with the development "
                    + "token key (" + keyLocation + "). Set JWT_PUBLIC_KEY_LOCATION to your issuer's public key.");
        }
    }

    static boolean refuses(List<String> profiles, String keyLocation) {
        return profiles.contains("prod") && keyLocation.strip().replace("classpath:", "").endsWith(DEV_PUBLIC_KEY);
    }
}
