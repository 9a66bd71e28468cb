//! Lead officers of commitments, per side.

use sqlx::PgExecutor;

use crate::domain::account::Side;

/// One commitment of a partnership with one of its leads (none when it has no lead), in text order.
#[derive(Debug, Clone)]
pub struct LeadRow {
    pub commitment_id: i64,
    pub reference: String,
    pub user_id: Option<i64>,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub side: Option<Side>,
}

/// Every commitment of the partnership, joined with its leads (one row per lead, or one row
/// without lead), in text order then side and e-mail.
pub async fn list(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<LeadRow>> {
    sqlx::query_as!(
        LeadRow,
        r#"select c.id as commitment_id, c.ref as reference,
                  u.id as "user_id?", u.email as "email?", u.display_name as "display_name?",
                  l.side as "side?: Side"
           from commitment c
           left join commitment_lead l on l.commitment_id = c.id
           left join app_user u on u.id = l.user_id
           where c.partnership_id = $1
           order by c.position, l.side, u.email"#,
        partnership_id
    )
    .fetch_all(db)
    .await
}

/// The id of a commitment by its reference (`25(c)`).
pub async fn find_commitment(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    reference: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "select id from commitment where partnership_id = $1 and ref = $2",
        partnership_id,
        reference
    )
    .fetch_optional(db)
    .await
}

/// An account that may be offered as a lead.
#[derive(Debug, Clone)]
pub struct Officer {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub side: Option<Side>,
}

/// Active officers, by side then e-mail.
pub async fn officers(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Officer>> {
    sqlx::query_as!(
        Officer,
        r#"select id, email, display_name, side as "side: Side"
           from app_user where role = 'officer' and active
           order by side, email"#
    )
    .fetch_all(db)
    .await
}

/// Makes `user_id` a lead of the commitment for `side`; false when they already are one.
pub async fn add(
    db: impl PgExecutor<'_>,
    commitment_id: i64,
    user_id: i64,
    side: Side,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into commitment_lead (commitment_id, user_id, side) values ($1, $2, $3)
         on conflict (commitment_id, user_id) do nothing",
        commitment_id,
        user_id,
        side as Side,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a lead; the side they were lead for, or `None` when they were not a lead.
pub async fn remove(
    db: impl PgExecutor<'_>,
    commitment_id: i64,
    user_id: i64,
) -> sqlx::Result<Option<Side>> {
    sqlx::query_scalar!(
        r#"delete from commitment_lead where commitment_id = $1 and user_id = $2
           returning side as "side: Side""#,
        commitment_id,
        user_id,
    )
    .fetch_optional(db)
    .await
}
