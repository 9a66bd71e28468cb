-- The sign-in throttle (issue 9). It forgets failures once they are older than its window, and
-- spares a client that has signed in to the account before from the account's delays.

-- Expired failures are deleted by age whenever an attempt is counted.
create index login_failure_at on login_failure (at);

-- Past logins of an account from an address, ended ones included (login_session_user only has
-- the open ones).
create index login_session_user_client on login_session (user_id, client_ip);
