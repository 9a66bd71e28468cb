-- Evidence links follow one rule: the domain's (EVIDENCE_URL_PATTERN and EVIDENCE_URL_MAX_CHARS
-- in src/domain/assessment.rs), of which this check is the exact mirror — the same pattern, text
-- for text, read the same way by PostgreSQL's regular expressions and Rust's regex crate. The
-- first check (`url ~* '^https?://'`) refused links the application let through
-- (`http:evil.example`, `https:/evil.example`, `http:\\evil.example`: a 500 instead of a 422).
--
-- The rule: http:// or https:// in any case; a host without the characters that end or disguise
-- one (no user name) or a bracketed IPv6 address; a port of at most five digits; then a path,
-- query or fragment; nowhere a backslash, whitespace, a control or an invisible formatting
-- character; at most 2,000 characters.
create function evidence_url_is_valid(text) returns boolean
language sql immutable parallel safe
as $$
    select length($1) <= 2000
       and $1 ~ '^[Hh][Tt][Tt][Pp][Ss]?://([^\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\u005C/?#@:\u005B\u005D%<>^|]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?([/?#][^\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\u005C]*)?$'
$$;

alter table assessment_evidence drop constraint assessment_evidence_url_check;
-- Not validated here: links saved under the first check are history (revisions are append-only
-- and never corrected), so a link that passed it but not this rule must not stop the migration.
alter table assessment_evidence
    add constraint assessment_evidence_url_check check (evidence_url_is_valid(url)) not valid;

-- When every saved link follows the rule, as it should, the check is validated for all rows.
do $$
declare
    legacy bigint;
begin
    select count(*) into legacy from assessment_evidence where not evidence_url_is_valid(url);
    if legacy = 0 then
        alter table assessment_evidence validate constraint assessment_evidence_url_check;
    else
        raise notice '% evidence link(s) saved before the rule do not follow it; kept as written', legacy;
    end if;
end;
$$;
