-- Cycle records in both languages (issue 10): a review cycle's title and place, and a joint
-- review's agreed next steps, in French beside the English. As for the partnership text, the
-- existing columns keep the English values (`title`, `place`, `next_steps`) and the French ones
-- are added beside them.

-- A cycle's French title is always there (the form and the command line fill in the usual one
-- when none is given); its French place may be missing, and French readers are then shown the
-- English one, marked as English.
alter table review_cycle
    add column title_fr text check (length(title_fr) between 1 and 300),
    add column place_fr text check (length(place_fr) between 1 and 200);

-- Existing cycles: the usual French title for their year, and the place as spelled in English
-- (most Dialogue venues are spelled the same; a secretariat can correct it before the freeze).
-- The frozen-cycle trigger compares the columns it knows, which do not include these yet.
update review_cycle
   set title_fr = 'Dialogue UE–Canada sur la sécurité et la défense ' || year,
       place_fr = place;

alter table review_cycle alter column title_fr set not null;

-- Agreed next steps in French; empty when not written (like the French summary line), and the
-- English ones are then shown, marked as English.
alter table joint_review
    add column next_steps_fr text not null default '' check (length(next_steps_fr) <= 5000);

-- A frozen or published cycle's French title and place do not change either.
create or replace function refuse_frozen_cycle_edits() returns trigger
language plpgsql as $$
begin
    if old.state in ('frozen', 'published')
       and (new.year, new.title, new.title_fr, new.meeting_date, new.place, new.place_fr,
            new.opens_on, new.deadline, new.partnership_id)
           is distinct from (old.year, old.title, old.title_fr, old.meeting_date, old.place, old.place_fr,
                             old.opens_on, old.deadline, old.partnership_id) then
        raise exception 'the cycle is frozen: its details do not change' using errcode = 'check_violation';
    end if;
    if old.state in ('frozen', 'published') and new.state not in ('frozen', 'published') then
        raise exception 'a frozen cycle cannot be reopened' using errcode = 'check_violation';
    end if;
    return new;
end;
$$;
