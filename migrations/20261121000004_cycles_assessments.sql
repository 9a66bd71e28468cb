-- Review cycles (one per Dialogue), each side's assessments of each commitment (append-only
-- revisions), their evidence links, and full-text search over the text and the narratives.

create table review_cycle (
    id             bigint generated always as identity primary key,
    partnership_id bigint not null references partnership (id) on delete cascade,
    year           integer not null check (year between 2000 and 2100),
    title          text not null check (length(title) between 1 and 300),
    meeting_date   date not null,
    place          text not null check (length(place) between 1 and 200),
    opens_on       date not null,
    deadline       date not null,
    -- planned → open → reconciliation → frozen → published, forward only
    state          text not null default 'planned'
                   check (state in ('planned', 'open', 'reconciliation', 'frozen', 'published')),
    created_at     timestamptz not null default now(),
    unique (partnership_id, year),
    check (opens_on <= deadline),
    check (deadline <= meeting_date)
);
-- at most one open cycle per partnership
create unique index review_cycle_one_open on review_cycle (partnership_id) where state = 'open';

-- Every state change of a cycle, with who made it and when.
create table cycle_state_change (
    id         bigint generated always as identity primary key,
    cycle_id   bigint not null references review_cycle (id) on delete cascade,
    from_state text not null,
    to_state   text not null,
    at         timestamptz not null default now(),
    actor_id   bigint references app_user (id) on delete set null,
    actor      text not null
);
create index cycle_state_change_cycle on cycle_state_change (cycle_id, at);

-- One side's view of one commitment in one cycle. Every save is a new row with the next version;
-- the highest version is current. The unique key is what refuses a save based on a stale version.
create table assessment (
    id            bigint generated always as identity primary key,
    cycle_id      bigint not null references review_cycle (id) on delete cascade,
    commitment_id bigint not null references commitment (id) on delete cascade,
    side          text not null check (side in ('eu', 'ca')),
    version       integer not null check (version >= 1),
    status        text not null check (status in ('not_assessed', 'not_started', 'on_track', 'challenges',
                                                   'completed', 'completed_modified', 'ongoing', 'discontinued')),
    narrative     text not null default '' check (length(narrative) <= 20000),
    author_id     bigint references app_user (id) on delete set null,
    author        text not null,
    created_at    timestamptz not null default now(),
    search        tsvector generated always as (to_tsvector('simple', narrative)) stored,
    unique (cycle_id, commitment_id, side, version),
    -- these statuses need a narrative
    check (status not in ('challenges', 'completed_modified', 'discontinued') or length(btrim(narrative)) > 0)
);
create index assessment_search on assessment using gin (search);
create index assessment_current on assessment (cycle_id, commitment_id, side, version desc);

-- Evidence links of an assessment revision, in the order given.
create table assessment_evidence (
    assessment_id bigint not null references assessment (id) on delete cascade,
    position      smallint not null check (position between 0 and 9),
    url           text not null check (url ~* '^https?://' and length(url) <= 2000),
    label         text not null default '' check (length(label) <= 200),
    search        tsvector generated always as (to_tsvector('simple', label)) stored,
    primary key (assessment_id, position)
);
create index assessment_evidence_search on assessment_evidence using gin (search);

-- Revisions are never changed or removed (a frozen cycle's are protected further by issue 5).
create function assessment_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger assessment_no_update_delete before update or delete on assessment
    for each row execute function assessment_is_append_only();
create trigger assessment_evidence_no_update_delete before update or delete on assessment_evidence
    for each row execute function assessment_is_append_only();

-- Full-text search over the partnership text ('simple': the text is English, the narratives may be
-- English or French; exact words serve both).
alter table paragraph add column search tsvector generated always as (to_tsvector('simple', body)) stored;
create index paragraph_search on paragraph using gin (search);
alter table paragraph_item add column search tsvector generated always as (to_tsvector('simple', body)) stored;
create index paragraph_item_search on paragraph_item using gin (search);
