-- Indexes for a database that has run for years (issue 16, target 4: 100 partnerships × 20 cycles,
-- 2.4 M assessment revisions, 2 M audit events), found with `scripts/bench --scale --explain`.

-- The audit log pages newest first by (at, id) and pages on by keyset: "older than this event"
-- is a range of this index, however deep the page. It replaces the index on `at` alone, which
-- it serves as well.
create index audit_event_at_id on audit_event (at, id);
drop index audit_event_at;

-- A cycle's most recent revisions ("recent activity" on the dashboard and the cycle page): the
-- newest few of the cycle, not a sort of all its revisions.
create index assessment_cycle_recent on assessment (cycle_id, created_at desc, id desc);
