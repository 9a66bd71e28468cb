//! The rows every tracking page starts from: each commitment of a partnership with its place in
//! the text and its lead officers.

use sqlx::PgExecutor;

use crate::domain::account::Side;

/// One commitment with where it stands in the text.
#[derive(Debug, Clone)]
pub struct CommitmentInfo {
    pub id: i64,
    pub reference: String,
    pub position: i32,
    pub paragraph_number: i16,
    pub area_slug: String,
    pub area_title: String,
    /// The paragraph's text, or the item's text for a lettered item.
    pub body: String,
}

pub async fn commitments(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Vec<CommitmentInfo>> {
    sqlx::query_as!(
        CommitmentInfo,
        r#"select c.id, c.ref as reference, c.position, p.number as paragraph_number,
                  a.slug as area_slug, a.title as area_title,
                  coalesce(i.body, p.body) as "body!"
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           join area a on a.id = p.area_id
           left join paragraph_item i on i.id = c.item_id
           where c.partnership_id = $1
           order by c.position"#,
        partnership_id
    )
    .fetch_all(db)
    .await
}

/// One commitment of a partnership by its reference.
pub async fn commitment_by_ref(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    reference: &str,
) -> sqlx::Result<Option<CommitmentInfo>> {
    sqlx::query_as!(
        CommitmentInfo,
        r#"select c.id, c.ref as reference, c.position, p.number as paragraph_number,
                  a.slug as area_slug, a.title as area_title,
                  coalesce(i.body, p.body) as "body!"
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           join area a on a.id = p.area_id
           left join paragraph_item i on i.id = c.item_id
           where c.partnership_id = $1 and c.ref = $2"#,
        partnership_id,
        reference
    )
    .fetch_optional(db)
    .await
}

/// A lead officer of a commitment.
#[derive(Debug, Clone)]
pub struct Lead {
    pub commitment_id: i64,
    pub user_id: i64,
    pub side: Side,
    pub display_name: String,
    pub email: String,
}

pub async fn leads(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<Lead>> {
    sqlx::query_as!(
        Lead,
        r#"select l.commitment_id, l.user_id, l.side as "side: Side", u.display_name, u.email
           from commitment_lead l
           join commitment c on c.id = l.commitment_id
           join app_user u on u.id = l.user_id
           where c.partnership_id = $1 and u.active
           order by c.position, u.display_name"#,
        partnership_id
    )
    .fetch_all(db)
    .await
}
