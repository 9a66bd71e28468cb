//! Importing a partnership text: parse (pure, in `domain::text`), then write everything in one
//! transaction. Re-importing the same text changes no row and keeps every assessment. The French
//! text of an imported partnership is added beside the English ([`import_french`]) once it lines
//! up with it.

use std::collections::HashMap;

use anyhow::{Context as _, bail};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;

use crate::{
    db::{
        audit::{self, Actor, NewEvent},
        french_text::{self, FrenchFields},
        partnership::{self as db, PartnershipFields},
    },
    domain::{
        lang::Lang,
        text::{self, Counts, Document, Outline, OutlineParagraph},
    },
};

/// The partnership the bundled seed describes.
pub const SEED_SLUG: &str = "eu-canada";
/// The partnership was signed at the EU–Canada summit; the Council text only carries its own date.
pub const SEED_SIGNATURE_DATE: Option<NaiveDate> = NaiveDate::from_ymd_opt(2025, 6, 23);
/// The parties, in the order the text names them.
pub const SEED_PARTIES: [&str; 2] = ["European Union", "Canada"];
/// The parties' names in French (their official names, not a translation of the text).
pub const SEED_PARTIES_FR: [&str; 2] = ["Union européenne", "Canada"];

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

/// Reads a file and parses it as English; the error names the file or the offending paragraph.
pub fn read_document(path: &std::path::Path) -> anyhow::Result<Document> {
    read_document_in(path, Lang::En)
}

/// Reads a file and parses it as a text in `lang`; the error names the file or the offending
/// paragraph. A file over [`MAX_TEXT_BYTES`] or not in UTF-8 is refused.
pub fn read_document_in(path: &std::path::Path, lang: Lang) -> anyhow::Result<Document> {
    let bytes = read_capped(path)?;
    let input = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{} is not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    text::parse_in(&input, lang).with_context(|| format!("{} was not imported", path.display()))
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

/// What a French import did, printed as JSON by the command line.
#[derive(Debug, Serialize)]
pub struct FrenchReport {
    pub slug: String,
    /// Always `fr`.
    pub lang: Lang,
    /// Anything was written at all; false for a re-import of the same French text.
    pub changed: bool,
    #[serde(flatten)]
    pub counts: Counts,
    pub content_hash: String,
}

/// Adds the French text `doc` to the imported partnership `slug`, in one transaction: refused,
/// with nothing written, when the partnership is not imported or when the French text does not
/// line up with its English text (the message names the first paragraph, item or heading that
/// does not). `parties` are the parties' French names (`None` keeps the English ones for French
/// readers). Importing the same French text again changes nothing.
pub async fn import_french(
    pool: &PgPool,
    doc: &Document,
    slug: &str,
    parties: Option<&[String]>,
    actor: &Actor,
) -> anyhow::Result<FrenchReport> {
    let hash = text::content_hash(doc);
    let report = |changed| FrenchReport {
        slug: slug.to_owned(),
        lang: Lang::Fr,
        changed,
        counts: doc.counts(),
        content_hash: hash.clone(),
    };

    let mut tx = pool.begin().await?;
    db::lock_for_import(&mut tx).await?;
    let Some(existing) = db::find_by_slug(&mut *tx, slug).await? else {
        bail!(
            "the partnership {slug} is not imported: import its English text first; \
             nothing written"
        );
    };
    // The English text given as French would be shown to French readers as French.
    if hash == existing.content_hash {
        bail!(
            "this is the English text of {slug}, not its French version; import refused, \
             nothing written"
        );
    }
    let parties_unchanged = existing.parties.fr.as_deref() == parties;
    if existing.content_hash_fr.as_deref() == Some(hash.as_str())
        && existing.title.fr.as_deref() == Some(doc.meta.title.as_str())
        && parties_unchanged
    {
        return Ok(report(false));
    }

    let areas = db::areas(&mut *tx, existing.id).await?;
    let paragraphs = db::paragraphs(&mut *tx, existing.id).await?;
    let items = db::items(&mut *tx, existing.id).await?;
    let english = stored_outline(&areas, &paragraphs, &items);
    text::align(&english, &doc.outline()).map_err(|mismatch| {
        anyhow::anyhow!(
            "the French text does not line up with the English text of {slug}: {mismatch}; \
             import refused, nothing written"
        )
    })?;

    // Aligned: headings by position, paragraphs by number, items by paragraph and letter.
    let area_ids: Vec<i64> = areas.iter().map(|a| a.id).collect();
    let titles: Vec<String> = doc.headings.iter().map(|h| h.title.clone()).collect();
    let by_number: HashMap<i16, i64> = paragraphs.iter().map(|p| (p.number, p.id)).collect();
    let mut paragraph_ids = Vec::new();
    let mut bodies = Vec::new();
    let mut item_paragraphs = Vec::new();
    let mut letters = Vec::new();
    let mut item_bodies = Vec::new();
    for p in &doc.paragraphs {
        let Some(&id) = by_number.get(&(p.number as i16)) else {
            bail!("paragraph {} is not in the English text", p.number);
        };
        // A paragraph tracked through its items may have no lead-in of its own.
        if !p.text.is_empty() {
            paragraph_ids.push(id);
            bodies.push(p.text.clone());
        }
        for item in &p.items {
            item_paragraphs.push(id);
            letters.push(item.letter.to_string());
            item_bodies.push(item.text.clone());
        }
    }
    let mut changed = french_text::set_french(
        &mut *tx,
        existing.id,
        &FrenchFields {
            title: &doc.meta.title,
            parties,
            content_hash: &hash,
        },
    )
    .await?;
    changed |= french_text::set_area_titles_fr(&mut *tx, &area_ids, &titles).await? > 0;
    changed |= french_text::set_paragraph_bodies_fr(&mut *tx, &paragraph_ids, &bodies).await? > 0;
    changed |= french_text::set_item_bodies_fr(&mut *tx, &item_paragraphs, &letters, &item_bodies)
        .await?
        > 0;
    if !changed {
        return Ok(report(false));
    }
    db::notify_text_changed(&mut *tx).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "partnership.import_fr",
            entity: "partnership",
            entity_id: Some(slug.to_owned()),
            before: existing
                .content_hash_fr
                .as_ref()
                .map(|h| serde_json::json!({ "content_hash_fr": h })),
            after: Some(serde_json::json!({
                "lang": "fr",
                "content_hash_fr": hash,
                "counts": doc.counts(),
            })),
            request_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(report(true))
}

/// The shape of the stored English text, to align a French text with.
fn stored_outline(areas: &[db::Area], paragraphs: &[db::Paragraph], items: &[db::Item]) -> Outline {
    // Areas are in text order; a paragraph's heading is its area's place in that order.
    let heading_of: HashMap<i64, usize> =
        areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    Outline {
        headings: areas
            .iter()
            .map(|a| a.title.en.clone().unwrap_or_default())
            .collect(),
        paragraphs: paragraphs
            .iter()
            .map(|p| OutlineParagraph {
                number: u16::try_from(p.number).unwrap_or_default(),
                heading: heading_of.get(&p.area_id).copied().unwrap_or_default(),
                letters: items
                    .iter()
                    .filter(|i| i.paragraph_id == p.id)
                    .filter_map(|i| i.letter.chars().next())
                    .collect(),
            })
            .collect(),
    }
}
