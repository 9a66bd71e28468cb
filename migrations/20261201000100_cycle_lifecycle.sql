-- Cycles that can be corrected (issue 11): until it is frozen a cycle's dates, titles and place
-- change, a never-opened cycle can be deleted, and a cycle in reconciliation can be reopened for
-- submissions (the frozen-cycle trigger already refuses edits and reopening once frozen).

-- The Dialogue a cycle prepares meets in the cycle's year. The application checks it first, with
-- a message; this is the last word. Not validated against rows written before the rule: a stray
-- cycle already stored can still be corrected (any change must then satisfy it) or deleted.
alter table review_cycle
    add constraint review_cycle_meeting_in_year
    check (extract(year from meeting_date) = year) not valid;

-- The public summary shows the next Dialogue (a planned, open or reconciliation cycle: its title,
-- date and place) as well as the last published one. Creating, correcting or deleting a cycle, or
-- any state change, now tells every instance to drop its copy, not only publishing.
create or replace function notify_public_cycle_changed() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'UPDATE'
       or (old.state, old.year, old.title, old.title_fr, old.meeting_date, old.place, old.place_fr)
          is distinct from
          (new.state, new.year, new.title, new.title_fr, new.meeting_date, new.place, new.place_fr) then
        perform pg_notify('sdp_public_changed', coalesce(new.id, old.id)::text);
    end if;
    return null;
end;
$$;

create trigger review_cycle_public_added_or_removed after insert or delete on review_cycle
    for each row execute function notify_public_cycle_changed();
