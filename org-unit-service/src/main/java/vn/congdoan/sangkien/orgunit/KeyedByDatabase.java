package vn.congdoan.sangkien.orgunit;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** A row whose key the database gives it on insert (an identity column), for the rows owned by another entity. */
@MappedSuperclass
public abstract class KeyedByDatabase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
}
