package vn.congdoan.sangkien.orgunit.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.congdoan.sangkien.events.OrgUnitType;
import vn.congdoan.sangkien.events.Topics;
import vn.congdoan.sangkien.kit.outbox.Outbox;
import vn.congdoan.sangkien.kit.problem.ProblemException;
import vn.congdoan.sangkien.kit.problem.Text;
import vn.congdoan.sangkien.kit.security.ApiKey;
import vn.congdoan.sangkien.orgunit.OrgUnit;
import vn.congdoan.sangkien.orgunit.repository.OrgUnitRepository;

/** Issues and revokes the API keys of provincial IT systems; other services learn them from {@code api-keys.v1}. */
@ApplicationScoped
public class ApiKeyService {

    /** A key just issued, with the only plain-text copy of its secret. */
    public record Issued(ApiKey key, String secret) {
    }

    private final EntityManager em;
    private final OrgUnitRepository units;
    private final Outbox outbox;

    public ApiKeyService(EntityManager em, OrgUnitRepository units, Outbox outbox) {
        this.em = em;
        this.units = units;
        this.outbox = outbox;
    }

    @Transactional
    public Issued issue(String provinceCode, String label) {
        OrgUnit province = units.findByCode(provinceCode)
                .filter(u -> u.type == OrgUnitType.PROVINCIAL_FEDERATION && u.validTo == null)
                .orElseThrow(() -> ProblemException.unprocessable("provinceCode", Text.of("No provincial "
                        + "federation in force with code " + provinceCode, "Không có liên đoàn lao động tỉnh, thành phố "
                        + "đang hiệu lực mang mã " + provinceCode)));
        ApiKey key = new ApiKey();
        String secret = ApiKey.issue(key, province.id, label);
        em.persist(key);
        em.flush();
        outbox.append(Topics.API_KEYS, key.id, key.toState());
        return new Issued(key, secret);
    }

    @Transactional
    public ApiKey revoke(UUID id) {
        ApiKey key = em.find(ApiKey.class, id);
        if (key == null) {
            throw ProblemException.notFound(Text.of("API key", "Khóa API"), id);
        }
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
            em.flush();
            outbox.append(Topics.API_KEYS, key.id, key.toState());
        }
        return key;
    }

    public List<ApiKey> list() {
        return em.createQuery("from ApiKey order by createdAt desc", ApiKey.class).getResultList();
    }
}
