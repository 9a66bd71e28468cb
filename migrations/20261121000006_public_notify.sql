-- Every instance keeps the rendered public summary in memory. When what it shows changes — a
-- cycle is published (or leaves that state), or an erratum corrects one — the database tells all
-- instances on the channel `sdp_public_changed`, whichever instance or command made the change.

create function notify_public_cycle_changed() returns trigger
language plpgsql as $$
begin
    if (old.state = 'published') is distinct from (new.state = 'published') then
        perform pg_notify('sdp_public_changed', new.id::text);
    end if;
    return null;
end;
$$;

create trigger review_cycle_public_changed after update on review_cycle
    for each row execute function notify_public_cycle_changed();

create function notify_public_erratum() returns trigger
language plpgsql as $$
begin
    perform pg_notify('sdp_public_changed', new.cycle_id::text);
    return null;
end;
$$;

create trigger erratum_public_changed after insert on erratum
    for each row execute function notify_public_erratum();
