-- The application works as the role `sdp_app`, which owns nothing: it may read and write the
-- tables it needs, but only read and append to audit_event, and it cannot alter a table, drop a
-- trigger or truncate. Migrations keep running as the owner. Roles are cluster-wide, so creating
-- it tolerates another database (or a concurrent migration) having done so already; a server
-- where the migrating user may not create roles keeps working as the owner, with the triggers of
-- the first migration still refusing changes to the audit log.

do $$
begin
    if not exists (select from pg_roles where rolname = 'sdp_app') then
        -- LOGIN without a password: it can sign in only where the server trusts the connection
        -- (the private cluster's own socket), or after an operator gives it a password.
        create role sdp_app login;
    elsif not (select rolcanlogin from pg_roles where rolname = 'sdp_app') then
        alter role sdp_app login;
    end if;
exception
    when duplicate_object or unique_violation then null;
    when insufficient_privilege then
        raise notice 'cannot create role sdp_app; the application will run as the table owner';
end;
$$;

do $$
begin
    if exists (select from pg_roles where rolname = 'sdp_app') then
        grant usage on schema public to sdp_app;
        grant select, insert, update, delete on all tables in schema public to sdp_app;
        grant usage, select on all sequences in schema public to sdp_app;
        revoke update, delete, truncate on audit_event from sdp_app;
        -- tables and sequences created by later migrations (run by the same owner)
        alter default privileges in schema public grant select, insert, update, delete on tables to sdp_app;
        alter default privileges in schema public grant usage, select on sequences to sdp_app;
        -- the migrations' own bookkeeping is not the application's business
        if to_regclass('_sqlx_migrations') is not null then
            revoke all on _sqlx_migrations from sdp_app;
        end if;
        -- the owner connecting through the pool switches to sdp_app (see src/db/mod.rs)
        execute format('grant sdp_app to %I', current_user);
    end if;
exception
    when insufficient_privilege then
        raise notice 'cannot grant to sdp_app; the application will run as the table owner';
end;
$$;
