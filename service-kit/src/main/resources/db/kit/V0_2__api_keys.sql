-- API keys of provincial IT systems: issued by org-unit-service, replicated to the services that accept them.
-- Only a SHA-256 hash of the secret is kept; the secret is shown once, when the key is issued.
create table api_key (
    id          uuid primary key,
    province_id uuid        not null,
    label       text        not null,
    secret_hash text        not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    version     bigint      not null default 0
);
