-- Search that finds compounds and spelling variants (issue 12, item 4): "cybersecurity" finds
-- "cyber security" and the other way round, "counterterrorism" finds "counter-terrorism",
-- "defense" finds "defence", "cybersécurité" finds "cyber-sécurité".
--
-- Why rewrite rules in a table rather than a thesaurus or synonym dictionary: those read their
-- lists from files in the server's tsearch_data directory, which a managed PostgreSQL does not
-- let us write, and which a migration cannot ship. ts_rewrite (built in) takes its rules from a
-- query instead, so the rules are rows, installed and versioned by migrations like the schema.
-- The rules are words, not tsqueries: sdp_search_query() turns them into queries of the
-- configuration being searched (English or French stemming, or exact words) when it runs, so
-- they follow any later change of the configurations and one row serves all of them. The
-- stored text vectors do not change: only the query widens, and the GIN indexes still serve it.
--
-- This is data about the languages (how the same word is written), not content.

create table search_alias (
    -- a word or words as a reader may type them
    term text not null check (length(term) between 1 and 100),
    -- another way of writing the same thing; a query for term also finds alternative
    alternative text not null check (length(alternative) between 1 and 100),
    primary key (term, alternative),
    check (term <> alternative)
);

-- Each group: ways of writing one word. Every variant of a group finds every other.
insert into search_alias (term, alternative)
select a.variant, b.variant
from (values
        (1, 'cybersecurity'), (1, 'cyber security'), (1, 'cyber-security'),
        (2, 'counterterrorism'), (2, 'counter-terrorism'), (2, 'counter terrorism'),
        (3, 'cyberdefence'), (3, 'cyber defence'), (3, 'cyber-defence'), (3, 'cyber defense'),
        (4, 'cyberattack'), (4, 'cyber attack'), (4, 'cyber-attack'),
        (5, 'cyberspace'), (5, 'cyber space'),
        (6, 'nonproliferation'), (6, 'non-proliferation'), (6, 'non proliferation'),
        (7, 'peacekeeping'), (7, 'peace-keeping'), (7, 'peace keeping'),
        (8, 'defence'), (8, 'defense'),
        (9, 'organisation'), (9, 'organization'),
        (10, 'counter-piracy'), (10, 'counterpiracy'), (10, 'anti-piracy'),
        (11, 'cybersécurité'), (11, 'cyber-sécurité'), (11, 'cyber sécurité'),
        (12, 'cyberdéfense'), (12, 'cyber-défense'), (12, 'cyber défense'),
        (13, 'contre-terrorisme'), (13, 'contreterrorisme'), (13, 'antiterrorisme'),
            (13, 'lutte contre le terrorisme'),
        (14, 'cyberattaque'), (14, 'cyber-attaque'), (14, 'cyber attaque'),
        (15, 'non-prolifération'), (15, 'non prolifération'), (15, 'nonprolifération'),
        (16, 'maintien de la paix'), (16, 'maintien de paix')
     ) as a (grp, variant)
join (values
        (1, 'cybersecurity'), (1, 'cyber security'), (1, 'cyber-security'),
        (2, 'counterterrorism'), (2, 'counter-terrorism'), (2, 'counter terrorism'),
        (3, 'cyberdefence'), (3, 'cyber defence'), (3, 'cyber-defence'), (3, 'cyber defense'),
        (4, 'cyberattack'), (4, 'cyber attack'), (4, 'cyber-attack'),
        (5, 'cyberspace'), (5, 'cyber space'),
        (6, 'nonproliferation'), (6, 'non-proliferation'), (6, 'non proliferation'),
        (7, 'peacekeeping'), (7, 'peace-keeping'), (7, 'peace keeping'),
        (8, 'defence'), (8, 'defense'),
        (9, 'organisation'), (9, 'organization'),
        (10, 'counter-piracy'), (10, 'counterpiracy'), (10, 'anti-piracy'),
        (11, 'cybersécurité'), (11, 'cyber-sécurité'), (11, 'cyber sécurité'),
        (12, 'cyberdéfense'), (12, 'cyber-défense'), (12, 'cyber défense'),
        (13, 'contre-terrorisme'), (13, 'contreterrorisme'), (13, 'antiterrorisme'),
            (13, 'lutte contre le terrorisme'),
        (14, 'cyberattaque'), (14, 'cyber-attaque'), (14, 'cyber attaque'),
        (15, 'non-prolifération'), (15, 'non prolifération'), (15, 'nonprolifération'),
        (16, 'maintien de la paix'), (16, 'maintien de paix')
     ) as b (grp, variant)
  on a.grp = b.grp and a.variant <> b.variant;

-- The web-search style query q in configuration cfg, widened by the rules: wherever the query
-- holds a rule's term (as that configuration reads it), it also accepts the alternative. A rule
-- whose words are all stop words in cfg reads as an empty query and is left out.
create function sdp_search_query(cfg regconfig, q text) returns tsquery
language sql stable parallel safe
as $$
    select ts_rewrite(
        websearch_to_tsquery(cfg, q),
        format(
            'select t, t || websearch_to_tsquery(%1$L::regconfig, alternative)
             from (select websearch_to_tsquery(%1$L::regconfig, term) as t, alternative
                   from search_alias) r
             where numnode(t) > 0',
            cfg::text))
$$;
