-- Every instance now keeps in memory what the signed-in pages read (the board of every cycle, a
-- commitment's history with its evidence, a cycle's state changes, search results), not only the
-- dashboard's data, and drops it on `sdp_board_changed` (the board_notify migration). The tables
-- those pages read that did not notify yet do so now: the evidence of a revision, the state
-- changes of a cycle and the search aliases (which change what a query finds). Each is usually
-- written in a transaction that already notifies; a trigger of its own keeps that true of any
-- later writer too. PostgreSQL folds identical notifications of one transaction into one.

do $$
declare
    t text;
begin
    foreach t in array array['cycle_state_change', 'search_alias']
    loop
        execute format(
            'create trigger %I after insert or update or delete or truncate on %I
                 for each statement execute function notify_board_changed()',
            t || '_board_changed', t);
    end loop;
end;
$$;

-- A revision's evidence is written with the revision: like the revision's own trigger
-- (`notify_assessment_changed`, the save_assessment migration), it leaves the notification to a
-- save that sends it after its commit. A NOTIFY from inside a save's transaction would hold the
-- database-wide notification lock through the commit's flush, and every save would wait for the
-- one before it.
create trigger assessment_evidence_board_changed
    after insert or update or delete or truncate on assessment_evidence
    for each statement execute function notify_assessment_changed();
