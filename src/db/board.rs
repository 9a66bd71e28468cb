//! The rows every tracking page starts from: each commitment of a partnership with its place in
//! the text and its lead officers.

use sqlx::PgExecutor;

use crate::domain::{account::Side, lang::Bilingual};

/// One commitment with where it stands in the text.
#[derive(Debug, Clone)]
pub struct CommitmentInfo {
    pub id: i64,
    pub reference: String,
    pub position: i32,
    pub paragraph_number: i16,
    pub area_slug: String,
    pub area_title: Bilingual<String>,
    /// The paragraph's text, or the item's text for a lettered item.
    pub body: Bilingual<String>,
}

/// A commitment row as the queries return it.
struct InfoRow {
    id: i64,
    reference: String,
    position: i32,
    paragraph_number: i16,
    area_slug: String,
    area_title: String,
    area_title_fr: Option<String>,
    body: String,
    body_fr: Option<String>,
}

impl From<InfoRow> for CommitmentInfo {
    fn from(r: InfoRow) -> Self {
        CommitmentInfo {
            id: r.id,
            reference: r.reference,
            position: r.position,
            paragraph_number: r.paragraph_number,
            area_slug: r.area_slug,
            area_title: Bilingual {
                en: Some(r.area_title),
                fr: r.area_title_fr,
            },
            body: Bilingual {
                en: Some(r.body),
                fr: r.body_fr,
            },
        }
    }
}

pub async fn commitments(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Vec<CommitmentInfo>> {
    let rows = sqlx::query_as!(
        InfoRow,
        r#"select c.id, c.ref as reference, c.position, p.number as paragraph_number,
                  a.slug as area_slug, a.title as area_title, a.title_fr as area_title_fr,
                  coalesce(i.body, p.body) as "body!",
                  -- an item's French text, never its paragraph's
                  case when c.item_id is null then p.body_fr else i.body_fr end as body_fr
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           join area a on a.id = p.area_id
           left join paragraph_item i on i.id = c.item_id
           where c.partnership_id = $1
           order by c.position"#,
        partnership_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// One commitment of a partnership by its reference.
pub async fn commitment_by_ref(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    reference: &str,
) -> sqlx::Result<Option<CommitmentInfo>> {
    let row = sqlx::query_as!(
        InfoRow,
        r#"select c.id, c.ref as reference, c.position, p.number as paragraph_number,
                  a.slug as area_slug, a.title as area_title, a.title_fr as area_title_fr,
                  coalesce(i.body, p.body) as "body!",
                  case when c.item_id is null then p.body_fr else i.body_fr end as body_fr
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           join area a on a.id = p.area_id
           left join paragraph_item i on i.id = c.item_id
           where c.partnership_id = $1 and c.ref = $2"#,
        partnership_id,
        reference
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

/// A lead officer of a commitment.
#[derive(Debug, Clone)]
pub struct Lead {
    pub commitment_id: i64,
    pub user_id: i64,
    pub side: Side,
    pub display_name: String,
    pub email: String,
    pub organisation: Option<String>,
}

pub async fn leads(db: impl PgExecutor<'_>, partnership_id: i64) -> sqlx::Result<Vec<Lead>> {
    sqlx::query_as!(
        Lead,
        r#"select l.commitment_id, l.user_id, l.side as "side: Side", u.display_name, u.email,
                  u.organisation
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
