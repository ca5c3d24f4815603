package vn.congdoan.sangkien.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test whose REST Assured requests carry a national administrator's token, unless a request gives its own: for
 * tests of what administrators do rather than of who may do it.
 */
public abstract class SignedInAsNationalAdmin {

    @BeforeEach
    void signInAsNationalAdmin() {
        Tokens.signInAs("NATIONAL_ADMIN", "TLD");
    }

    @AfterEach
    void signOutAfterwards() {
        Tokens.signOut();
    }
}
