package vn.congdoan.sangkien.submission.service;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.submission.Initiative;
import vn.congdoan.sangkien.submission.InitiativeField;
import vn.congdoan.sangkien.submission.Visibility;

/**
 * New content for an initiative, as its authors edit it, and how it applies: a plain rule, tested without the service.
 * Authors who stay keep their confirmation; new ones are claimed until they confirm, unless whoever edits vouches for
 * them (an officer). {@code authors} and {@code attachments} null keep what is stored.
 */
public record InitiativeEdit(String title, String problem, String solution, String expectedBenefit,
        InitiativeField field, Visibility visibility, List<Author> authors, List<Initiative.Attachment> attachments) {

    public record Author(String memberId, String displayName) {
    }

    /**
     * @param confirms whether a member newly listed is confirmed by whoever edits (themselves, or all for an officer)
     * @return whether anything changed
     */
    boolean applyTo(Initiative initiative, Predicate<String> confirms) {
        boolean changed = !initiative.title.equals(title) || !initiative.problem.equals(problem)
                || !initiative.solution.equals(solution) || !initiative.expectedBenefit.equals(expectedBenefit)
                || initiative.field != field || initiative.visibility != visibility;
        initiative.title = title;
        initiative.problem = problem;
        initiative.solution = solution;
        initiative.expectedBenefit = expectedBenefit;
        initiative.field = field;
        initiative.visibility = visibility;
        if (authors != null) {
            if (authors.stream().map(Author::memberId).distinct().count() < authors.size()) {
                throw ProblemException.unprocessable("authors", Texts.AUTHOR_REPEATED);
            }
            List<Initiative.Author> next = new ArrayList<>(authors.size());
            for (Author author : authors) {
                boolean confirmed = initiative.isConfirmedAuthor(author.memberId()) || confirms.test(author.memberId());
                next.add(new Initiative.Author(author.memberId(), author.displayName(), confirmed));
            }
            changed |= !sameAuthors(initiative.authors, next);
            initiative.authors.clear();
            initiative.authors.addAll(next);
        }
        if (attachments != null) {
            changed |= !initiative.attachments.equals(attachments);
            initiative.attachments.clear();
            initiative.attachments.addAll(attachments);
        }
        return changed;
    }

    private static boolean sameAuthors(List<Initiative.Author> a, List<Initiative.Author> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).memberId.equals(b.get(i).memberId) || !a.get(i).displayName.equals(b.get(i).displayName)
                    || a.get(i).confirmed != b.get(i).confirmed) {
                return false;
            }
        }
        return true;
    }
}
