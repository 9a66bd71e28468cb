-- The partnership text in French beside the English (issue 10): the French title, parties, area
-- headings, paragraphs and lettered items, added by `sdp-tracker import FILE --lang fr` once the
-- English text is imported and aligned with it by paragraph number, item letter and heading
-- position. Every French column is nullable: until the French text is imported, French readers
-- get the English, marked as English. Area slugs stay the English ones (URLs do not change with
-- the language).
--
-- Search moves from the 'simple' configuration to one per language, accents ignored: French and
-- English stemming over their own texts, and for the narratives (written in either language)
-- both; exact words still match through an unaccented 'simple' part of every vector.

alter table partnership
    add column title_fr text check (length(title_fr) between 1 and 500),
    add column parties_fr text[],
    -- sha-256 of the normalised French text, so that importing the same French text again
    -- changes nothing
    add column content_hash_fr text check (content_hash_fr ~ '^[0-9a-f]{64}$');

alter table area add column title_fr text check (length(title_fr) between 1 and 500);
alter table paragraph add column body_fr text check (length(body_fr) > 0);
alter table paragraph_item add column body_fr text check (length(body_fr) > 0);

-- unaccent ships with PostgreSQL (postgresql-contrib, part of Debian's `postgresql`); it is a
-- trusted extension, so the database owner may create it without being a superuser. Used as a
-- filtering dictionary inside the configurations below, it keeps to_tsvector(regconfig, text)
-- immutable, as generated columns require (the unaccent() function itself is only stable).
create extension if not exists unaccent;

-- Stemmed search per language, accents ignored ("securite" finds "sécurité", "oeuvre" finds
-- "œuvre"); ASCII words need no unaccenting.
create text search configuration sdp_english (copy = english);
alter text search configuration sdp_english
    alter mapping for hword, hword_part, word with unaccent, english_stem;
create text search configuration sdp_french (copy = french);
alter text search configuration sdp_french
    alter mapping for hword, hword_part, word with unaccent, french_stem;
-- Exact words in any language (names, stop words such as "of" in "Gulf of Guinea"), accents
-- ignored.
create text search configuration sdp_simple (copy = simple);
alter text search configuration sdp_simple
    alter mapping for hword, hword_part, word with unaccent, simple;

-- Each text is searched in its own language plus exact words; src/db/search.rs builds the
-- matching queries (websearch_to_tsquery in the same configurations, or-ed).
alter table paragraph drop column search;
alter table paragraph
    add column search_en tsvector generated always as
        (to_tsvector('sdp_english', body) || to_tsvector('sdp_simple', body)) stored,
    add column search_fr tsvector generated always as
        (to_tsvector('sdp_french', coalesce(body_fr, '')) || to_tsvector('sdp_simple', coalesce(body_fr, ''))) stored;
create index paragraph_search_en on paragraph using gin (search_en);
create index paragraph_search_fr on paragraph using gin (search_fr);

alter table paragraph_item drop column search;
alter table paragraph_item
    add column search_en tsvector generated always as
        (to_tsvector('sdp_english', body) || to_tsvector('sdp_simple', body)) stored,
    add column search_fr tsvector generated always as
        (to_tsvector('sdp_french', coalesce(body_fr, '')) || to_tsvector('sdp_simple', coalesce(body_fr, ''))) stored;
create index paragraph_item_search_en on paragraph_item using gin (search_en);
create index paragraph_item_search_fr on paragraph_item using gin (search_fr);

-- A narrative may be in either language: its vector holds both stemmings and the exact words.
-- (Rewriting the table to add the column fires no row trigger: revisions stay append-only.)
alter table assessment drop column search;
alter table assessment
    add column search tsvector generated always as
        (to_tsvector('sdp_english', narrative) || to_tsvector('sdp_french', narrative)
         || to_tsvector('sdp_simple', narrative)) stored;
create index assessment_search on assessment using gin (search);
