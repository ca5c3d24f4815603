package vn.congdoan.sangkien.submission.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/** Marks an initiative as a repeat of {@code originalId}. */
public record DuplicateRequest(@NotNull UUID originalId) {
}
