//! Writing the French text beside the English one (`import --lang fr`): the partnership's French
//! title, parties and text hash, then the French headings, paragraphs and items, each row only
//! when it differs, so that importing the same French text again changes no row.

use sqlx::PgExecutor;

/// The French fields of a partnership as the French import writes them.
#[derive(Debug)]
pub struct FrenchFields<'a> {
    pub title: &'a str,
    /// `None` keeps the English names for French readers.
    pub parties: Option<&'a [String]>,
    pub content_hash: &'a str,
}

/// Writes the French title, parties and text hash; false when they were already these.
pub async fn set_french(
    db: impl PgExecutor<'_>,
    id: i64,
    f: &FrenchFields<'_>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update partnership set title_fr = $2, parties_fr = $3, content_hash_fr = $4,
                updated_at = now()
         where id = $1
           and (title_fr, parties_fr, content_hash_fr) is distinct from ($2, $3, $4)",
        id,
        f.title,
        f.parties,
        f.content_hash,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Sets the French titles of areas (by id); returns how many changed.
pub async fn set_area_titles_fr(
    db: impl PgExecutor<'_>,
    area_ids: &[i64],
    titles: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update area a set title_fr = v.title
         from unnest($1::bigint[], $2::text[]) as v(id, title)
         where a.id = v.id and a.title_fr is distinct from v.title",
        area_ids,
        titles,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Sets the French texts of paragraphs (by id); returns how many changed.
pub async fn set_paragraph_bodies_fr(
    db: impl PgExecutor<'_>,
    paragraph_ids: &[i64],
    bodies: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update paragraph p set body_fr = v.body
         from unnest($1::bigint[], $2::text[]) as v(id, body)
         where p.id = v.id and p.body_fr is distinct from v.body",
        paragraph_ids,
        bodies,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Sets the French texts of lettered items (by paragraph id and letter); returns how many changed.
pub async fn set_item_bodies_fr(
    db: impl PgExecutor<'_>,
    paragraph_ids: &[i64],
    letters: &[String],
    bodies: &[String],
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update paragraph_item i set body_fr = v.body
         from unnest($1::bigint[], $2::text[], $3::text[]) as v(paragraph_id, letter, body)
         where i.paragraph_id = v.paragraph_id and i.letter = v.letter
           and i.body_fr is distinct from v.body",
        paragraph_ids,
        letters,
        bodies,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
