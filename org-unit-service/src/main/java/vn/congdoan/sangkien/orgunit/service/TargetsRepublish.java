package vn.congdoan.sangkien.orgunit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import vn.congdoan.sangkien.events.Topics;

/**
 * Publishes the targets held below the provinces on {@code unit-targets.v1} once, after the upgrade that moved them
 * there from their programme's record (migration V12 leaves the claim). One instance takes the claim by deleting
 * it, in the transaction that writes the records to the outbox: another instance starting meanwhile waits for that
 * row and then finds nothing to do.
 */
@ApplicationScoped
public class TargetsRepublish {

    private static final Logger LOG = Logger.getLogger(TargetsRepublish.class);

    private final EntityManager em;
    private final ProgrammeService programmes;

    public TargetsRepublish(EntityManager em, ProgrammeService programmes) {
        this.em = em;
        this.programmes = programmes;
    }

    void onStart(@Observes StartupEvent event) {
        republishIfPending();
    }

    /** @return whether this call took the claim and published */
    @Transactional
    public boolean republishIfPending() {
        int claimed = em.createNativeQuery("delete from republish_pending where topic = ?1")
                .setParameter(1, Topics.UNIT_TARGETS).executeUpdate();
        if (claimed == 1) {
            int targets = programmes.republishAll();
            LOG.infof("Published %d targets below the provinces on %s", targets, Topics.UNIT_TARGETS);
        }
        return claimed == 1;
    }
}
