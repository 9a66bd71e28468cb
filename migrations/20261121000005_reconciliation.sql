-- Reconciliation (the secretariat's joint review per commitment), errata to frozen cycles, and the
-- database's own guarantee that a frozen or published cycle does not change.

-- The secretariat's reconciled view of a commitment in a cycle. Append-only revisions like
-- assessments: the highest version is current.
create table joint_review (
    id            bigint generated always as identity primary key,
    cycle_id      bigint not null references review_cycle (id) on delete cascade,
    commitment_id bigint not null references commitment (id) on delete cascade,
    version       integer not null check (version >= 1),
    status        text not null check (status in ('not_assessed', 'not_started', 'on_track', 'challenges',
                                                   'completed', 'completed_modified', 'ongoing', 'discontinued')),
    -- the public summary line, in both languages
    summary_en    text not null default '' check (length(summary_en) <= 500),
    summary_fr    text not null default '' check (length(summary_fr) <= 500),
    next_steps    text not null default '' check (length(next_steps) <= 5000),
    author_id     bigint references app_user (id) on delete set null,
    author        text not null,
    created_at    timestamptz not null default now(),
    unique (cycle_id, commitment_id, version)
);
create index joint_review_current on joint_review (cycle_id, commitment_id, version desc);

-- A correction to a frozen or published cycle: who, when, why, and what it changes (the new
-- values, e.g. {"status": "completed", "summary_en": "…"}). The reviewed data itself stays as it
-- was frozen; pages and reports show the erratum beside it.
create table erratum (
    id            bigint generated always as identity primary key,
    cycle_id      bigint not null references review_cycle (id) on delete cascade,
    commitment_id bigint references commitment (id) on delete cascade,
    at            timestamptz not null default now(),
    author_id     bigint references app_user (id) on delete set null,
    author        text not null,
    reason        text not null check (length(btrim(reason)) between 1 and 2000),
    changes       jsonb not null check (jsonb_typeof(changes) = 'object')
);
create index erratum_cycle on erratum (cycle_id, at);

-- Joint reviews and errata are never changed or removed.
create trigger joint_review_no_update_delete before update or delete on joint_review
    for each row execute function assessment_is_append_only();
create trigger erratum_no_update_delete before update or delete on erratum
    for each row execute function assessment_is_append_only();

-- A frozen or published cycle is immutable: no new assessment, evidence or joint review.
create function cycle_is_frozen(cycle bigint) returns boolean
language sql stable as $$
    select exists (select 1 from review_cycle where id = cycle and state in ('frozen', 'published'))
$$;

create function refuse_changes_to_frozen_cycle() returns trigger
language plpgsql as $$
declare
    target bigint;
begin
    if tg_table_name = 'assessment_evidence' then
        select cycle_id into target from assessment where id = coalesce(new.assessment_id, old.assessment_id);
    else
        target := coalesce(new.cycle_id, old.cycle_id);
    end if;
    if cycle_is_frozen(target) then
        raise exception 'the cycle is frozen: % on % is not allowed (record an erratum instead)', tg_op, tg_table_name
            using errcode = 'check_violation';
    end if;
    return coalesce(new, old);
end;
$$;

create trigger assessment_frozen before insert or update or delete on assessment
    for each row execute function refuse_changes_to_frozen_cycle();
create trigger assessment_evidence_frozen before insert or update or delete on assessment_evidence
    for each row execute function refuse_changes_to_frozen_cycle();
create trigger joint_review_frozen before insert or update or delete on joint_review
    for each row execute function refuse_changes_to_frozen_cycle();

-- Errata only for frozen or published cycles.
create function erratum_needs_frozen_cycle() returns trigger
language plpgsql as $$
begin
    if not cycle_is_frozen(new.cycle_id) then
        raise exception 'errata are recorded only for frozen or published cycles'
            using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
create trigger erratum_frozen_only before insert on erratum
    for each row execute function erratum_needs_frozen_cycle();

-- A frozen or published cycle's dates, title and place do not change either (its state still
-- moves forward, frozen → published).
create function refuse_frozen_cycle_edits() returns trigger
language plpgsql as $$
begin
    if old.state in ('frozen', 'published')
       and (new.year, new.title, new.meeting_date, new.place, new.opens_on, new.deadline, new.partnership_id)
           is distinct from (old.year, old.title, old.meeting_date, old.place, old.opens_on, old.deadline, old.partnership_id) then
        raise exception 'the cycle is frozen: its details do not change' using errcode = 'check_violation';
    end if;
    if old.state in ('frozen', 'published') and new.state not in ('frozen', 'published') then
        raise exception 'a frozen cycle cannot be reopened' using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
create trigger review_cycle_frozen before update on review_cycle
    for each row execute function refuse_frozen_cycle_edits();
