-- Mail (issue 13): each user's language and the notices they turned off, each cycle's reminder
-- days, and the transactional outbox that a sender task in every instance drains.

-- The language of the mails a user receives (the pages follow the reader's choice instead).
alter table app_user add column lang text not null default 'en' check (lang in ('en', 'fr'));
-- The non-essential kinds of notice the user turned off (see src/mail/kind.rs).
alter table app_user add column mail_muted text[] not null default '{}';

-- Reminders go out this many days before the deadline.
alter table review_cycle add column reminder_days integer[] not null default '{14,3}'
    check (cardinality(reminder_days) <= 10 and 0 < all (reminder_days) and 366 > all (reminder_days));

-- The base of links in mails (SDP_PUBLIC_URL), written by each instance at start-up, so that a
-- mail queued by the command line links to the same site as one queued by a page.
create table mail_setting (
    id         boolean primary key default true check (id),
    public_url text not null check (public_url ~ '^https?://' and length(public_url) <= 500)
);

-- One row per mail, written in the transaction of the change that causes it. The sender claims
-- due rows with FOR UPDATE SKIP LOCKED and a lease (claimed_until): a row whose lease has run out
-- (the instance died mid-send) is due again.
create table mail_outbox (
    id              bigint generated always as identity primary key,
    kind            text not null check (kind in ('cycle_open', 'reminder', 'overdue', 'chase',
                                                  'deadline_passed', 'signed_off', 'divergent')),
    cycle_id        bigint references review_cycle (id) on delete set null,
    recipient_id    bigint references app_user (id) on delete set null,
    address         text not null check (length(address) between 3 and 320),
    recipient_name  text not null default '' check (length(recipient_name) <= 200),
    lang            text not null check (lang in ('en', 'fr')),
    subject         text not null check (length(subject) between 1 and 500),
    body_text       text not null,
    body_html       text not null,
    -- scheduled mails: kind:cycle:day:recipient, so that the scheduler run twice queues once
    dedup_key       text unique,
    -- the Message-ID of every attempt of this row, so that a duplicate is recognisable
    message_id      uuid not null unique default gen_random_uuid(),
    state           text not null default 'queued'
                    check (state in ('queued', 'sending', 'sent', 'failed')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    claimed_until   timestamptz,
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where state in ('queued', 'sending');
create index mail_outbox_recent on mail_outbox (created_at desc);

-- Wakes the senders of every instance when a mail is queued (they also poll).
create function mail_outbox_notify() returns trigger
language plpgsql as $$
begin
    perform pg_notify('sdp_mail_queued', new.id::text);
    return null;
end;
$$;
create trigger mail_outbox_queued after insert on mail_outbox
    for each row execute function mail_outbox_notify();
