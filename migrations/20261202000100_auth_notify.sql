-- Every instance keeps the sessions, logins and API tokens it has seen in memory (`auth::cache`),
-- with the account each belongs to, so that a signed-in request needs no query to know who asks.
-- Whatever changes or removes one of those rows — a logout, a session saved or expired by hand, a
-- deactivation, a password or role change, a revoked token — the database tells every instance on
-- the channel `sdp_auth_changed`, whichever instance or command made the change, and each drops
-- its copy. The payload names the row: `session:<id>`, `login:<uuid>`, `user:<id>`,
-- `token:<id>`; `*` (a table emptied) drops everything. Inserts need no notification: a row
-- nobody has read yet is in nobody's memory.

create function notify_auth_changed() returns trigger
language plpgsql as $$
declare
    key text;
begin
    if tg_table_name = 'tower_session' then
        -- The periodic clean-up deletes sessions that are over already; memory checks expiry
        -- itself, so those need no notification.
        if tg_op = 'DELETE' and old.expiry_date <= now() then
            return null;
        end if;
        key := 'session:' || old.id;
    elsif tg_table_name = 'login_session' then
        key := 'login:' || old.id::text;
    elsif tg_table_name = 'app_user' then
        key := 'user:' || old.id::text;
    else
        key := 'token:' || old.id::text;
    end if;
    perform pg_notify('sdp_auth_changed', key);
    return null;
end;
$$;

create function notify_auth_cleared() returns trigger
language plpgsql as $$
begin
    perform pg_notify('sdp_auth_changed', '*');
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array['tower_session', 'login_session', 'app_user', 'api_token']
    loop
        execute format(
            'create trigger %I after update or delete on %I
                 for each row execute function notify_auth_changed()',
            t || '_auth_changed', t);
        execute format(
            'create trigger %I after truncate on %I
                 for each statement execute function notify_auth_cleared()',
            t || '_auth_cleared', t);
    end loop;
end;
$$;
