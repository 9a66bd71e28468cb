-- `cycle_is_frozen` in PL/pgSQL instead of SQL (issue 16). Every revision, evidence link and joint
-- review inserted runs it from the `*_frozen` triggers. As a SQL function holding a sub-select it
-- cannot be inlined, so each call parsed and planned its body again; PL/pgSQL keeps the plan for
-- the session. Measured with pgbench on the bench's database (8 clients calling
-- `save_assessment`): 2,014–2,350 saves/s before, 3,069–3,152 after. Same answer for every
-- cycle: true when it exists and is frozen or published.
create or replace function cycle_is_frozen(cycle bigint) returns boolean
language plpgsql stable as $$
begin
    return exists (select 1 from review_cycle where id = cycle and state in ('frozen', 'published'));
end;
$$;
