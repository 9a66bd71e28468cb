//! The database's fingerprint: what a refused request must leave as it was.

use reqwest::StatusCode;

use super::routes::Route;

/// One query that fingerprints every table: its row count and a sum over each row version's
/// identity (`xmin`, `ctid`), which an insert, update or delete changes. Columns that a refused
/// request may touch by design are left out: a session's expiry and data (sliding expiry) and a
/// token's `last_used_at` (every authenticated API call).
pub(super) fn snapshot_sql(tables: &[String]) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| match t.as_str() {
            "tower_session" => format!("(select '{t}:' || count(*) from {t})"),
            "api_token" => format!(
                "(select '{t}:' || count(*) || ':' || coalesce(sum(hashtext(
                     id::text || label || coalesce(revoked_at::text, ''))), 0) from {t})"
            ),
            _ => format!(
                "(select '{t}:' || count(*) || ':' || coalesce(sum(hashtext(
                     xmin::text || ctid::text)), 0) from {t})"
            ),
        })
        .collect();
    format!("select array[{}]", parts.join(", "))
}

/// Tables whose fingerprint differs, apart from what a refusal writes by design: a failed login
/// is recorded (`login_failure`) for throttling.
pub(super) fn changed_tables(
    before: &[String],
    after: &[String],
    route: &Route,
    status: StatusCode,
) -> Vec<String> {
    let failed_login = route.template == "/login" && status == StatusCode::UNAUTHORIZED;
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.split(':').next().unwrap_or_default().to_owned())
        .filter(|table| !(failed_login && table == "login_failure"))
        .collect()
}
