package vn.congdoan.sangkien.kit.security;

import java.util.UUID;

/** Answers whether a unit lies in the subtree of another, from the service's own view of the hierarchy. */
@FunctionalInterface
public interface Hierarchy {

    /** @return whether {@code unit} is {@code root} or below it */
    boolean within(UUID unit, UUID root);
}
