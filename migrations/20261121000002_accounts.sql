-- Accounts, login sessions, API tokens, login throttling and lead-officer assignments.

create table app_user (
    id                   bigint generated always as identity primary key,
    -- stored lower-cased and trimmed, so uniqueness is case-insensitive
    email                text not null unique
                         check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'
                                and length(email) <= 320),
    display_name         text not null check (length(display_name) between 1 and 200),
    role                 text not null check (role in ('admin', 'secretariat', 'officer', 'viewer')),
    side                 text check (side in ('eu', 'ca')),
    organisation         text check (length(organisation) <= 200),
    active               boolean not null default true,
    -- argon2id PHC string
    password_hash        text not null check (password_hash like '$argon2id$%'),
    -- a one-time password was issued: the next login must set a new one
    must_change_password boolean not null default true,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    -- officers act for one side
    check (role <> 'officer' or side is not null)
);

-- One row per login; the cookie session refers to it. Ending a row (logout, deactivation,
-- password change) or letting it pass its absolute lifetime ends the login on every instance.
create table login_session (
    id         uuid primary key,
    user_id    bigint not null references app_user (id) on delete cascade,
    started_at timestamptz not null default now(),
    ended_at   timestamptz,
    client_ip  inet
);
create index login_session_user on login_session (user_id) where ended_at is null;

-- tower-sessions' store (tower-sessions-sqlx-store), kept in our own migrations.
create table tower_session (
    id          text primary key not null,
    data        bytea not null,
    expiry_date timestamptz not null
);
create index tower_session_expiry on tower_session (expiry_date);

-- Personal API tokens for scripts; only a SHA-256 of the token is kept.
create table api_token (
    id           bigint generated always as identity primary key,
    user_id      bigint not null references app_user (id) on delete cascade,
    label        text not null check (length(label) between 1 and 100),
    token_hash   bytea not null unique check (length(token_hash) = 32),
    -- the first characters, to tell tokens apart in the profile page
    prefix       text not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);

-- Failed logins, per account and per client address, for throttling.
create table login_failure (
    id        bigint generated always as identity primary key,
    at        timestamptz not null default now(),
    email     text not null,
    client_ip inet
);
create index login_failure_email on login_failure (email, at);
create index login_failure_ip on login_failure (client_ip, at);

-- Lead officers of a commitment, per side.
create table commitment_lead (
    commitment_id bigint not null references commitment (id) on delete cascade,
    user_id       bigint not null references app_user (id) on delete cascade,
    side          text not null check (side in ('eu', 'ca')),
    assigned_at   timestamptz not null default now(),
    primary key (commitment_id, user_id)
);
create index commitment_lead_user on commitment_lead (user_id);
