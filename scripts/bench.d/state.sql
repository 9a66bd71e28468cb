-- Realistic state for scripts/bench: three cycles (2025 and 2026 published with joint reviews,
-- 2027 open), both sides' assessments with a narrative and an evidence link for all commitments.
-- Run as the owner; rows go in before the cycles are frozen (the triggers refuse them after).
insert into review_cycle (partnership_id, year, title, title_fr, meeting_date, place, place_fr,
                          opens_on, deadline, state)
select p.id, y, y || ' EU–Canada Security and Defence Dialogue',
       'Dialogue UE–Canada sur la sécurité et la défense ' || y, make_date(y, 6, 15),
       case y % 2 when 0 then 'Brussels' else 'Ottawa' end,
       case y % 2 when 0 then 'Bruxelles' else 'Ottawa' end,
       make_date(y, 3, 1), make_date(y, 5, 15), 'planned'
from partnership p cross join generate_series(2025, 2027) y
where p.is_default;

insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author_id, author)
select c.id, m.id, s.side, 1,
       (array['not_started', 'on_track', 'challenges', 'completed', 'completed_modified', 'ongoing'])
           [1 + ((m.position * 7 + c.year + length(s.side) * (c.year % 3)) % 6)],
       'Progress on ' || m.ref || ' (' || s.side || ', ' || c.year || '). '
           || repeat('Meetings held, staff exchanged, a joint exercise planned and funding agreed. ', 6),
       u.id, u.email
from review_cycle c
cross join commitment m
cross join (values ('eu'), ('ca')) s (side)
join app_user u on u.email = 'officer-' || s.side || '@bench.example';

insert into assessment_evidence (assessment_id, position, url, label)
select id, 0, 'https://www.eeas.europa.eu/eeas/canada_en', 'EEAS – Canada' from assessment;

insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps, author)
select a.cycle_id, a.commitment_id, 1, a.status,
       'Joint assessment of ' || c.ref || ' for ' || y.year || '.',
       'Évaluation conjointe de ' || c.ref || ' pour ' || y.year || '.',
       'Review again at the next Dialogue.', 'bench'
from assessment a
join commitment c on c.id = a.commitment_id
join review_cycle y on y.id = a.cycle_id
where a.side = 'eu' and y.year in (2025, 2026);

update review_cycle set state = 'open' where year = 2027;
update review_cycle set state = 'frozen' where year in (2025, 2026);
update review_cycle set state = 'published' where year in (2025, 2026);

-- A few hundred audit events like the ones the saves write, so that the audit log's first and deep
-- pages show as many rows here as on the large state (--scale): the two runs then compare the same
-- page, not ten rows against fifty.
insert into audit_event (at, actor_id, actor, action, entity, entity_id, before, after, request_id)
select now() - interval '30 days' + n * interval '1 hour', u.id, u.email, 'assessment.save',
       'assessment', (1000000 + n)::text,
       jsonb_build_object('version', n % 10, 'status', 'on_track', 'narrative', 'Meetings held.'),
       jsonb_build_object('cycle', 2025 + n % 2, 'ref', (1 + n % 60)::text, 'side', u.side,
                          'version', 1 + n % 10, 'status', 'completed',
                          'narrative', 'Meetings held, staff exchanged.'),
       'bench-' || n
from generate_series(1, 300) n
join app_user u on u.email = 'officer-' || (case n % 2 when 0 then 'eu' else 'ca' end) || '@bench.example';
