-- Each side can sign its submission for a cycle off as complete. This table holds the current
-- state only: one row per cycle and side while that side's sign-off stands. Its history (every
-- sign-off, and every reopening by a later save of that side) is in the append-only audit log,
-- written in the same transaction (actions 'signoff.record' and 'signoff.reopen'), so a second,
-- event-shaped copy of it here would add nothing but a way for the two to disagree.
create table submission_signoff (
    cycle_id   bigint not null references review_cycle (id) on delete cascade,
    side       text not null check (side in ('eu', 'ca')),
    -- the officer who signed off (accounts are deactivated, never deleted)
    signed_by  bigint not null references app_user (id),
    signed_at  timestamptz not null default now(),
    primary key (cycle_id, side)
);

-- The signed-in dashboard shows the sign-offs: tell every instance when they change (see the
-- board_notify migration).
create trigger submission_signoff_board_changed after insert or update or delete or truncate
    on submission_signoff for each statement execute function notify_board_changed();
