package vn.congdoan.sangkien.submission.service;

import vn.congdoan.sangkien.kit.problem.Text;

/** Words of the service's problems that several rules share. */
public final class Texts {

    public static final Text INITIATIVE = Text.of("Initiative", "Sáng kiến");
    public static final Text AUTHOR_REPEATED = Text.of("An author is listed more than once",
            "Một tác giả được liệt kê nhiều lần");

    private Texts() {
    }
}
