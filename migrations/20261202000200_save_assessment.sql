-- An assessment save in one statement (issue 16): `save_assessment` finds the cycle and the
-- commitment, checks that the cycle is open and that the writer saw the current version, writes
-- the revision, its evidence links and its audit event, and reopens the side's sign-off (with its
-- own audit event) — what `tracking::save_in` used to do in about ten round trips. The checks of
-- the draft itself (status, narrative, links) stay in Rust and come first; the table checks below
-- them stay as they were.
--
-- Two saves based on the same version: both see it current, both insert the next one; the unique
-- key (cycle, commitment, side, version) makes the second wait for the first and, once the first
-- has committed, its `on conflict do nothing` writes nothing: it is answered as stale, as before.
--
-- `p_alone`: the statement is the whole transaction (the API's and the form's saves). Then
-- 1. a save that makes the commitment newly divergent writes nothing and answers 'divergent': the
--    caller saves it again in a transaction that also queues the divergence mail (composed in
--    Rust), which must commit with the save or not at all;
-- 2. the dashboard's notification of the new revision is left to the caller, right after the
--    commit (`select pg_notify('sdp_board_changed', 'assessment')`). A NOTIFY inside a transaction
--    holds one database-wide lock from before its commit record is written until it is flushed,
--    so every saving transaction waited for the previous one's fsync: about 400 saves/s on the
--    development machine, against 3,000 without. Everything else that inserts revisions (the
--    spreadsheet import, the general path, the command line, psql) still notifies from the trigger.

-- A timestamp as serde writes a `chrono::DateTime<Utc>` (RFC 3339 in UTC with `Z`, and 0, 3 or 6
-- fractional digits), so that audit JSON written here reads like the JSON written from Rust.
create function utc_rfc3339(t timestamptz) returns text
language sql stable as $$
    select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
           || case
                  when us % 1000000 = 0 then ''
                  when us % 1000 = 0 then '.' || lpad(((us % 1000000) / 1000)::text, 3, '0')
                  else '.' || lpad((us % 1000000)::text, 6, '0')
              end
           || 'Z'
    from (select extract(microseconds from t)::bigint as us) s
$$;

-- The revision table's notification, unless the transaction's save leaves it to its caller.
create function notify_assessment_changed() returns trigger
language plpgsql as $$
begin
    if coalesce(current_setting('sdp.board_notify', true), '') <> 'after_commit' then
        perform pg_notify('sdp_board_changed', tg_table_name);
    end if;
    return null;
end;
$$;

drop trigger assessment_board_changed on assessment;
create trigger assessment_board_changed after insert or update or delete or truncate on assessment
    for each statement execute function notify_assessment_changed();

-- o_outcome: 'saved'; 'no_partnership', 'no_cycle', 'no_commitment', 'closed' (nothing looked at
-- after the first of these that holds); 'stale' (o_version is the current version); 'divergent'
-- (only when p_alone; nothing written).
create function save_assessment(
    p_partnership_id bigint, -- null: the default partnership
    p_year integer,
    p_ref text,
    p_side text,
    p_based_on integer,
    p_status text,
    p_narrative text,
    p_urls text[],
    p_labels text[],
    p_author_id bigint,
    p_author text,
    p_request_id text,
    p_alone boolean,
    out o_outcome text,
    out o_id bigint,
    out o_version integer,
    out o_created_at timestamptz,
    out o_cycle_id bigint,
    out o_commitment_id bigint,
    out o_ref text,
    -- the side's status before this save, and the other side's current one (for the mail)
    out o_before_status text,
    out o_other_status text
)
language plpgsql as $$
declare
    v_partnership bigint := p_partnership_id;
    v_year integer;
    v_state text;
    v_before_id bigint;
    v_before_version integer;
    v_before_narrative text;
    v_signed_by bigint;
    v_signed_at timestamptz;
begin
    if v_partnership is null then
        select p.id into v_partnership from partnership p order by p.is_default desc, p.id limit 1;
        if not found then
            o_outcome := 'no_partnership';
            return;
        end if;
    end if;
    select c.id, c.year, c.state into o_cycle_id, v_year, v_state
      from review_cycle c where c.partnership_id = v_partnership and c.year = p_year;
    if not found then
        o_outcome := 'no_cycle';
        return;
    end if;
    select m.id, m.ref into o_commitment_id, o_ref
      from commitment m where m.partnership_id = v_partnership and m.ref = p_ref;
    if not found then
        o_outcome := 'no_commitment';
        return;
    end if;
    if v_state <> 'open' then
        o_outcome := 'closed';
        return;
    end if;

    select a.id, a.version, a.status, a.narrative
      into v_before_id, v_before_version, o_before_status, v_before_narrative
      from assessment a
     where a.cycle_id = o_cycle_id and a.commitment_id = o_commitment_id and a.side = p_side
     order by a.version desc limit 1;
    -- No revision follows version 2147483647, so it is never the one a writer may build on.
    if coalesce(v_before_version, 0) <> p_based_on or p_based_on = 2147483647 then
        o_outcome := 'stale';
        o_version := coalesce(v_before_version, 0);
        return;
    end if;
    select a.status into o_other_status
      from assessment a
     where a.cycle_id = o_cycle_id and a.commitment_id = o_commitment_id
       and a.side = case p_side when 'eu' then 'ca' else 'eu' end
     order by a.version desc limit 1;
    if p_alone and o_other_status <> p_status
       and (o_before_status is null or o_before_status = o_other_status) then
        o_outcome := 'divergent';
        return;
    end if;

    if p_alone then
        perform set_config('sdp.board_notify', 'after_commit', true);
    end if;
    insert into assessment as a (cycle_id, commitment_id, side, version, status, narrative, author_id, author)
    values (o_cycle_id, o_commitment_id, p_side, p_based_on + 1, p_status, p_narrative, p_author_id, p_author)
    on conflict (cycle_id, commitment_id, side, version) do nothing
    returning a.id, a.version, a.created_at into o_id, o_version, o_created_at;
    if not found then
        -- Another save of the same version committed first.
        o_outcome := 'stale';
        select coalesce(max(a.version), p_based_on + 1) into o_version
          from assessment a
         where a.cycle_id = o_cycle_id and a.commitment_id = o_commitment_id and a.side = p_side;
        return;
    end if;
    if cardinality(p_urls) > 0 then
        insert into assessment_evidence (assessment_id, position, url, label)
        select o_id, (e.n - 1)::smallint, e.url, e.label
          from unnest(p_urls, p_labels) with ordinality as e (url, label, n);
    end if;

    -- The event shows the links before the change as well as after it.
    insert into audit_event (actor_id, actor, action, entity, entity_id, before, after, request_id)
    values (
        p_author_id, p_author, 'assessment.save', 'assessment', o_id::text,
        case when v_before_id is not null then jsonb_build_object(
            'version', v_before_version, 'status', o_before_status, 'narrative', v_before_narrative,
            'evidence', coalesce((select jsonb_agg(jsonb_build_object('url', e.url, 'label', e.label)
                                                   order by e.position)
                                    from assessment_evidence e where e.assessment_id = v_before_id),
                                 '[]'::jsonb))
        end,
        jsonb_build_object(
            'cycle', v_year, 'ref', p_ref, 'side', p_side, 'version', o_version,
            'status', p_status, 'narrative', p_narrative,
            'evidence', coalesce((select jsonb_agg(jsonb_build_object('url', e.url, 'label', e.label)
                                                   order by e.n)
                                    from unnest(p_urls, p_labels) with ordinality as e (url, label, n)),
                                 '[]'::jsonb)),
        p_request_id);

    -- A side that saves after signing its submission off has reopened it: the sign-off goes, and
    -- the audit log says which save reopened it. (Looked at first: a `delete` notifies the
    -- dashboards even when it removes nothing.)
    if exists (select from submission_signoff s where s.cycle_id = o_cycle_id and s.side = p_side) then
        delete from submission_signoff s where s.cycle_id = o_cycle_id and s.side = p_side
        returning s.signed_by, s.signed_at into v_signed_by, v_signed_at;
        if found then
            insert into audit_event (actor_id, actor, action, entity, entity_id, before, after, request_id)
            values (
                p_author_id, p_author, 'signoff.reopen', 'submission_signoff', v_year || '/' || p_side,
                jsonb_build_object('cycle', v_year, 'side', p_side, 'signed_by', v_signed_by,
                                   'signed_at', utc_rfc3339(v_signed_at)),
                jsonb_build_object('cycle', v_year, 'side', p_side,
                                   'reason', 'sign-off reopened by save of ' || p_ref, 'ref', p_ref),
                p_request_id);
        end if;
    end if;
    o_outcome := 'saved';
end;
$$;
