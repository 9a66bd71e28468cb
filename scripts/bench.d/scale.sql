-- Scale state for `scripts/bench --scale`, loaded after state.sql (and after the small run):
-- 99 more partnerships with the default one's text (60 commitments each), 20 cycles for every
-- partnership (the default's 2025–2027 plus 2008–2024; 2005–2024 for the others), each side's
-- assessment of each commitment in 10 revisions with evidence on the latest, a joint review of
-- each, the default's open 2027 cycle 9 revisions deeper, and 2 M audit events: about 2.4 M
-- assessment revisions in all. Set-based (generate_series, insert … select), run as the owner.
--
-- Every constraint, trigger and index stays in force: rows go into the new cycles while they are
-- 'planned', and the cycles are published afterwards (the frozen-cycle triggers then refuse any
-- further row, as they should). No DDL: the server keeps serving while the fill runs (an index
-- dropped and rebuilt would wait for, and then block, every open transaction on the table).
\set ON_ERROR_STOP on
\timing on
set maintenance_work_mem = '512MB';
set synchronous_commit = off;
-- full-text index entries gathered in bulk (GIN's pending list), not one by one
set gin_pending_list_limit = '256MB';

begin;

-- 99 copies of the default partnership's text, structure and ids mapped by position and number.
insert into partnership (slug, title, title_fr, parties, parties_fr, document_number, document_date,
                         signature_date, place, marking, content_hash, content_hash_fr, is_default)
select 'bench-' || n, d.title || ' (' || n || ')', d.title_fr, d.parties, d.parties_fr,
       d.document_number, d.document_date, d.signature_date, d.place, d.marking, d.content_hash,
       d.content_hash_fr, false
from partnership d cross join generate_series(2, 100) n
where d.is_default;

create temp table bench_copy on commit drop as
select p.id as pid, d.id as did
from partnership p cross join partnership d
where p.slug like 'bench-%' and d.is_default;

insert into area (partnership_id, position, slug, title, title_fr)
select c.pid, a.position, a.slug, a.title, a.title_fr
from bench_copy c join area a on a.partnership_id = c.did;
update area na set parent_id = np.id
from bench_copy c, area oa, area op, area np
where na.partnership_id = c.pid and oa.partnership_id = c.did and oa.position = na.position
  and op.id = oa.parent_id and np.partnership_id = c.pid and np.position = op.position;

insert into paragraph (partnership_id, number, area_id, kind, body, body_fr)
select c.pid, p.number, na.id, p.kind, p.body, p.body_fr
from bench_copy c
join paragraph p on p.partnership_id = c.did
join area oa on oa.id = p.area_id
join area na on na.partnership_id = c.pid and na.position = oa.position;

insert into paragraph_item (paragraph_id, letter, body, body_fr)
select np.id, i.letter, i.body, i.body_fr
from bench_copy c
join paragraph op on op.partnership_id = c.did
join paragraph_item i on i.paragraph_id = op.id
join paragraph np on np.partnership_id = c.pid and np.number = op.number;

insert into commitment (partnership_id, paragraph_id, item_id, ref, position)
select c.pid, np.id, ni.id, m.ref, m.position
from bench_copy c
join commitment m on m.partnership_id = c.did
join paragraph op on op.id = m.paragraph_id
join paragraph np on np.partnership_id = c.pid and np.number = op.number
left join paragraph_item oi on oi.id = m.item_id
left join paragraph_item ni on ni.paragraph_id = np.id and ni.letter = oi.letter;

-- 20 cycles per partnership: the years the partnership does not have yet, latest first.
insert into review_cycle (partnership_id, year, title, title_fr, meeting_date, place, place_fr,
                          opens_on, deadline, state)
select p.id, y, y || ' ' || p.title, 'Dialogue ' || y, make_date(y, 6, 15), 'Brussels', 'Bruxelles',
       make_date(y, 3, 1), make_date(y, 5, 15), 'planned'
from partnership p
cross join generate_series(2005, 2027) y
where not exists (select 1 from review_cycle c where c.partnership_id = p.id and c.year = y)
  and y >= 2008;

create temp table bench_cycle on commit drop as
select id, partnership_id, year from review_cycle where state = 'planned';

-- 10 revisions of each side's assessment of each commitment in each new cycle.
insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author_id, author,
                        created_at)
select y.id, m.id, s.side, v,
       (array['not_started', 'on_track', 'challenges', 'completed', 'completed_modified', 'ongoing'])
           [1 + ((m.position * 7 + y.year + v + length(s.side)) % 6)],
       -- older revisions a short line, the latest a few sentences (the full-text vectors of
       -- 2.4 M narratives are most of the fill's time and size)
       'Revision ' || v || ' on ' || m.ref || ' (' || s.side || ', ' || y.year || '): '
           || (array['maritime patrols', 'crisis management', 'space situational awareness',
                     'hybrid threats', 'military mobility', 'women, peace and security',
                     'arms control', 'counter-piracy training'])[1 + (m.position + v) % 8]
           || case when v = 10 then '. Meetings held, staff exchanged and a joint exercise planned.'
                   else '.' end,
       u.id, u.email,
       make_timestamptz(y.year, 3, 1, 9, 0, 0, 'UTC') + (v * 5 || ' days')::interval
           + (m.position || ' minutes')::interval
from bench_cycle y
join commitment m on m.partnership_id = y.partnership_id
cross join (values ('eu'), ('ca')) s (side)
join app_user u on u.email = 'officer-' || s.side || '@bench.example'
cross join generate_series(1, 10) v;

-- The default partnership's open cycle goes 9 revisions deeper (the POST run follows it).
insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author_id, author)
select a.cycle_id, a.commitment_id, a.side, a.version + k, 'on_track',
       'Revision ' || (a.version + k) || ': meetings held, staff exchanged.', a.author_id, a.author
from (select distinct on (cycle_id, commitment_id, side) *
      from assessment
      where cycle_id = (select c.id from review_cycle c join partnership p on p.id = c.partnership_id
                        where p.is_default and c.state = 'open')
      order by cycle_id, commitment_id, side, version desc) a
cross join generate_series(1, 9) k;

-- Evidence on the latest revisions.
insert into assessment_evidence (assessment_id, position, url, label)
select a.id, e.position, e.url, e.label
from assessment a
join bench_cycle y on y.id = a.cycle_id
cross join (values (0::smallint, 'https://www.eeas.europa.eu/eeas/canada_en', 'EEAS – Canada'),
                   (1::smallint, 'https://www.international.gc.ca/', 'Global Affairs Canada')) e (position, url, label)
where a.version = 10;

insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps,
                          author)
select y.id, m.id, 1, 'on_track', 'Joint assessment of ' || m.ref || ' for ' || y.year || '.',
       'Évaluation conjointe de ' || m.ref || ' pour ' || y.year || '.', 'Review again.', 'bench'
from bench_cycle y join commitment m on m.partnership_id = y.partnership_id;

update review_cycle set state = 'published' where id in (select id from bench_cycle);

-- 2 M audit events over the past year, oldest first (so ids grow with time, as they do).
insert into audit_event (at, actor_id, actor, action, entity, entity_id, before, after, request_id)
select now() - interval '1 year' + n * interval '15 seconds', u.id, u.email, 'assessment.save',
       'assessment', (1000000 + n)::text,
       jsonb_build_object('version', n % 10, 'status', 'on_track', 'narrative', 'Meetings held.'),
       jsonb_build_object('cycle', 2005 + n % 20, 'ref', (1 + n % 60)::text, 'side', u.side,
                          'version', 1 + n % 10, 'status', 'completed',
                          'narrative', 'Meetings held, staff exchanged.'),
       'bench-' || n
from generate_series(1, 2000000) n
join app_user u on u.email = 'officer-' || (case n % 2 when 0 then 'eu' else 'ca' end) || '@bench.example';

commit;

vacuum analyze;
