package vn.congdoan.sangkien.kit.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The development key pair is in the repository, so anyone can sign tokens with it: the prod profile refuses to
 * start when the key it verifies tokens with is the development public key — recognised by its content (a SHA-256
 * fingerprint of the key), wherever it was copied to and whatever the file is called.
 */
@ApplicationScoped
public class DevKeyGuard {

    public static final String DEV_PUBLIC_KEY = "dev-jwt/publicKey.pem";
    private static final Logger LOG = Logger.getLogger(DevKeyGuard.class);

    private final Optional<String> keyLocation;
    private final Optional<String> inlineKey;

    public DevKeyGuard(@ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey) {
        this.keyLocation = keyLocation;
        this.inlineKey = inlineKey;
    }

    void check(@Observes StartupEvent event) {
        check(ConfigUtils.getProfiles(), keyLocation, inlineKey);
    }

    /** @throws IllegalStateException in the prod profile, when the key is the development key */
    static void check(List<String> profiles, Optional<String> keyLocation, Optional<String> inlineKey) {
        if (!profiles.contains("prod")) {
            return;
        }
        Optional<String> configured = inlineKey.or(() -> keyLocation.flatMap(DevKeyGuard::read));
        if (configured.isEmpty()) {
            LOG.warnf("Could not read the token key at %s to check that it is not the development key",
                    keyLocation.orElse("(none)"));
            return;
        }
        if (isDevelopmentKey(configured.get())) {
            throw new IllegalStateException("Refusing to start: the prod profile is configured with the development "
                    + "token key (" + keyLocation.orElse("mp.jwt.verify.publickey")
                    + "). Set JWT_PUBLIC_KEY_LOCATION to your issuer's public key.");
        }
    }

    /** Whether a PEM text holds the development public key. */
    static boolean isDevelopmentKey(String pem) {
        Optional<String> development = read(DEV_PUBLIC_KEY);
        return development.isPresent() && fingerprint(pem).equals(fingerprint(development.get()));
    }

    /** SHA-256 of the key's bytes: the same key in any file, with any line breaks, has the same fingerprint. */
    static String fingerprint(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException notBase64) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text at a location as smallrye-jwt reads it: {@code file:}, {@code classpath:} or a class-path resource. */
    static Optional<String> read(String location) {
        String where = location.strip();
        try {
            if (where.startsWith("file:")) {
                return Optional.of(Files.readString(Path.of(where.substring("file:".length()))));
            }
            String resource = where.startsWith("classpath:") ? where.substring("classpath:".length()) : where;
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                if (in != null) {
                    return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                }
            }
            Path file = Path.of(resource);
            return Files.isReadable(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
