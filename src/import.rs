//! Importing a partnership text: parse (pure, in `domain::text`), then write everything in one
//! transaction. Re-importing the same text changes no row and keeps every assessment.

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;

use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        partnership::{self as db, PartnershipFields},
    },
    domain::text::{self, Counts, Document},
};

/// The partnership the bundled seed describes.
pub const SEED_SLUG: &str = "eu-canada";
/// The partnership was signed at the EU–Canada summit; the Council text only carries its own date.
pub const SEED_SIGNATURE_DATE: Option<NaiveDate> = NaiveDate::from_ymd_opt(2025, 6, 23);
/// The parties, in the order the text names them.
pub const SEED_PARTIES: [&str; 2] = ["European Union", "Canada"];

/// What to record besides the text itself.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub slug: String,
    pub signature_date: Option<NaiveDate>,
    pub parties: Vec<String>,
}

impl ImportOptions {
    /// The options for the bundled EU–Canada text.
    pub fn seed() -> ImportOptions {
        ImportOptions {
            slug: SEED_SLUG.into(),
            signature_date: SEED_SIGNATURE_DATE,
            parties: SEED_PARTIES.map(String::from).to_vec(),
        }
    }
}

/// What an import did, printed as JSON by the command line.
#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub slug: String,
    /// The partnership did not exist before.
    pub created: bool,
    /// Anything was written at all; false for a re-import of the same text.
    pub changed: bool,
    #[serde(flatten)]
    pub counts: Counts,
    pub content_hash: String,
}

/// The largest text `import` reads: a Council text is about 25 KB, so this leaves room for any
/// partnership text and its PDF-to-text export, while an endless or wrong input (`/dev/zero`, a
/// database dump) is refused after reading this much, in milliseconds.
pub const MAX_TEXT_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file and parses it; the error names the file or the offending paragraph.
pub fn read_document(path: &std::path::Path) -> anyhow::Result<Document> {
    let bytes = read_capped(path)?;
    let input = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    text::parse(&input).with_context(|| format!("{} was not imported", path.display()))
}

/// The file's bytes, refused when there are more than [`MAX_TEXT_BYTES`] of them (read at most
/// one byte more than that, whatever the file claims its size is).
fn read_capped(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let cannot_read = || format!("cannot read {}", path.display());
    let file = std::fs::File::open(path).with_context(cannot_read)?;
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(cannot_read)?;
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        bail!(
            "{} is larger than {} MiB, the most a partnership text may be",
            path.display(),
            MAX_TEXT_BYTES / (1024 * 1024)
        );
    }
    Ok(bytes)
}

/// Writes `doc` in one transaction: nothing is written unless all of it is.
pub async fn import(
    pool: &PgPool,
    doc: &Document,
    options: &ImportOptions,
    actor: &Actor,
) -> anyhow::Result<ImportReport> {
    let hash = text::content_hash(doc);
    let parties = options.parties.clone();
    let fields = PartnershipFields {
        slug: &options.slug,
        title: &doc.meta.title,
        parties: &parties,
        document_number: doc.meta.document_number.as_deref(),
        document_date: doc.meta.document_date,
        signature_date: options.signature_date,
        place: doc.meta.place.as_deref(),
        marking: doc.meta.marking.as_deref(),
        content_hash: &hash,
    };
    let report = |created, changed| ImportReport {
        slug: options.slug.clone(),
        created,
        changed,
        counts: doc.counts(),
        content_hash: hash.clone(),
    };

    let mut tx = pool.begin().await?;
    db::lock_for_import(&mut tx).await?;
    let existing = db::find_by_slug(&mut *tx, &options.slug).await?;
    if existing.as_ref().is_some_and(|p| p.content_hash == hash) {
        return Ok(report(false, false));
    }
    let created = existing.is_none();
    let partnership_id = match &existing {
        Some(p) => {
            refuse_dropped_commitments(&mut tx, p.id, doc).await?;
            db::update_partnership(&mut *tx, p.id, &fields).await?;
            p.id
        }
        None => db::insert_partnership(&mut *tx, &fields).await?,
    };
    write_structure(&mut tx, partnership_id, doc).await?;
    db::notify_text_changed(&mut *tx).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "partnership.import",
            entity: "partnership",
            entity_id: Some(options.slug.clone()),
            before: existing
                .as_ref()
                .map(|p| serde_json::json!({ "content_hash": p.content_hash })),
            after: Some(serde_json::json!({ "content_hash": hash, "counts": doc.counts() })),
            request_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report(created, true))
}

/// A corrected text may change wording, never drop what officers are tracking.
async fn refuse_dropped_commitments(
    conn: &mut sqlx::PgConnection,
    partnership_id: i64,
    doc: &Document,
) -> anyhow::Result<()> {
    let new: Vec<String> = doc.commitments().iter().map(ToString::to_string).collect();
    let dropped: Vec<String> = db::commitment_refs(&mut *conn, partnership_id)
        .await?
        .into_iter()
        .filter(|r| !new.contains(r))
        .collect();
    if !dropped.is_empty() {
        bail!(
            "the new text drops tracked commitment(s) {}; import refused, nothing written",
            dropped.join(", ")
        );
    }
    Ok(())
}

async fn write_structure(
    conn: &mut sqlx::PgConnection,
    partnership_id: i64,
    doc: &Document,
) -> anyhow::Result<()> {
    let mut area_ids: Vec<i64> = Vec::with_capacity(doc.headings.len());
    for (position, heading) in doc.headings.iter().enumerate() {
        let parent = heading.parent.map(|i| area_ids[i]);
        let id = db::upsert_area(
            &mut *conn,
            partnership_id,
            position as i32,
            &heading.slug,
            &heading.title,
            parent,
        )
        .await?;
        area_ids.push(id);
    }
    let commitments = doc.commitments();
    for paragraph in &doc.paragraphs {
        let number = paragraph.number as i16;
        let paragraph_id = db::upsert_paragraph(
            &mut *conn,
            partnership_id,
            number,
            area_ids[paragraph.heading],
            paragraph.kind.as_str(),
            &paragraph.text,
        )
        .await?;
        for item in &paragraph.items {
            let letter = item.letter.to_string();
            let item_id = db::upsert_item(&mut *conn, paragraph_id, &letter, &item.text).await?;
            if let Some(position) = commitments
                .iter()
                .position(|c| c.paragraph == paragraph.number && c.item == Some(item.letter))
            {
                db::upsert_commitment(
                    &mut *conn,
                    partnership_id,
                    paragraph_id,
                    Some(item_id),
                    &commitments[position].to_string(),
                    position as i32,
                )
                .await?;
            }
        }
        if let Some(position) = commitments
            .iter()
            .position(|c| c.paragraph == paragraph.number && c.item.is_none())
        {
            db::upsert_commitment(
                &mut *conn,
                partnership_id,
                paragraph_id,
                None,
                &commitments[position].to_string(),
                position as i32,
            )
            .await?;
        }
    }
    Ok(())
}
