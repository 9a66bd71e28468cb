-- Spreadsheet uploads waiting to be applied (issue 14). An upload is parsed once, kept here with
-- the hash of its file, and previewed; applying it needs its id and that hash, by the same user,
-- before it expires. Kept in the database so that any instance can show and apply it.
create table sheet_upload (
    id          uuid primary key,
    user_id     bigint not null references app_user (id),
    cycle_id    bigint not null references review_cycle (id) on delete cascade,
    -- Whose values the sheet holds: one side's assessments, or the joint reviews.
    kind        text not null check (kind in ('eu', 'ca', 'joint')),
    file_name   text not null check (length(file_name) <= 255),
    sha256      text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    -- The rows as read from the file (values only; checked against the database on each preview).
    rows        jsonb not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    applied_at  timestamptz,
    check (expires_at > created_at)
);

-- Expired uploads are deleted by age whenever a new one is stored.
create index sheet_upload_expires on sheet_upload (expires_at);
