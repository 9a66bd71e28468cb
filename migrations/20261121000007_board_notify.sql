-- Every instance keeps the signed-in dashboard's data (the default partnership's current cycle,
-- its board and recent activity) in memory. Whatever changes what it shows — an assessment or a
-- joint review saved, a cycle created or moved on, an erratum, a lead assigned, an account
-- renamed or deactivated, a text imported — the database tells all instances on the channel
-- `sdp_board_changed`, whichever instance or command made the change. Statement-level triggers:
-- one notification per statement at most, and PostgreSQL folds identical ones of a transaction.

create function notify_board_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('sdp_board_changed', tg_table_name);
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array['partnership', 'area', 'paragraph', 'paragraph_item', 'commitment',
                             'review_cycle', 'assessment', 'joint_review', 'erratum',
                             'commitment_lead', 'app_user']
    loop
        execute format(
            'create trigger %I after insert or update or delete or truncate on %I
                 for each statement execute function notify_board_changed()',
            t || '_board_changed', t);
    end loop;
end;
$$;
