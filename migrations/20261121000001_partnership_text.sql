-- The partnership texts and their structure: areas (headings), paragraphs, lettered items and the
-- commitments that are tracked. Written only by the importer; the text is the source of truth and
-- lives in seeds/, never in a migration.

create table partnership (
    id              bigint generated always as identity primary key,
    -- short stable name used in URLs and the API, e.g. 'eu-canada'
    slug            text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title           text not null check (length(title) between 1 and 500),
    -- the parties in the order the text names them
    parties         text[] not null default '{}',
    document_number text,
    document_date   date,
    signature_date  date,
    place           text,
    marking         text,
    -- sha-256 of the normalised text, to tell a re-import of the same text from a changed one
    content_hash    text not null check (content_hash ~ '^[0-9a-f]{64}$'),
    is_default      boolean not null default false,
    imported_at     timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
-- at most one default partnership
create unique index partnership_single_default on partnership (is_default) where is_default;

-- The headings of a text, in order; cooperation areas nest under 'Areas of Cooperation'.
create table area (
    id             bigint generated always as identity primary key,
    partnership_id bigint not null references partnership (id) on delete cascade,
    position       integer not null check (position >= 0),
    slug           text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
    title          text not null check (length(title) between 1 and 500),
    parent_id      bigint references area (id) on delete cascade check (parent_id <> id),
    unique (partnership_id, position),
    unique (partnership_id, slug)
);
create index area_parent on area (parent_id);

-- The numbered paragraphs, their full text exactly as written (page breaks joined).
create table paragraph (
    id             bigint generated always as identity primary key,
    partnership_id bigint not null references partnership (id) on delete cascade,
    number         smallint not null check (number between 1 and 999),
    area_id        bigint not null references area (id) on delete restrict,
    -- 'context' (the preface) or 'commitment'; an admin may change it
    kind           text not null check (kind in ('context', 'commitment')),
    body           text not null check (length(body) > 0),
    unique (partnership_id, number)
);
create index paragraph_area on paragraph (area_id);

-- Lettered items of a paragraph, e.g. 25(a)–25(e); each is tracked on its own.
create table paragraph_item (
    id           bigint generated always as identity primary key,
    paragraph_id bigint not null references paragraph (id) on delete cascade,
    letter       text not null check (letter ~ '^[a-z]$'),
    body         text not null check (length(body) > 0),
    unique (paragraph_id, letter)
);

-- The trackable units: a commitment paragraph without items, or one item of it.
create table commitment (
    id             bigint generated always as identity primary key,
    partnership_id bigint not null references partnership (id) on delete cascade,
    paragraph_id   bigint not null references paragraph (id) on delete cascade,
    item_id        bigint references paragraph_item (id) on delete cascade,
    -- the written reference, '25' or '25(c)'
    ref            text not null check (ref ~ '^[1-9][0-9]{0,2}(\([a-z]\))?$'),
    -- order of the commitment in the text, for listings
    position       integer not null check (position >= 0),
    unique (partnership_id, ref),
    unique nulls not distinct (paragraph_id, item_id)
);

-- Who did what, when, to which record, with before and after. Append-only: the triggers below
-- refuse UPDATE, DELETE and TRUNCATE for every role, the application's included.
create table audit_event (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    -- the acting account's id when a person acted; null for the command line and the system
    actor_id    bigint,
    -- a readable name of the actor: an e-mail, 'cli' or 'system'
    actor       text not null check (length(actor) between 1 and 320),
    action      text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
    entity      text not null check (length(entity) between 1 and 64),
    entity_id   text,
    before      jsonb,
    after       jsonb,
    request_id  text
);
create index audit_event_at on audit_event (at desc);
create index audit_event_entity on audit_event (entity, entity_id);

create function audit_event_is_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
