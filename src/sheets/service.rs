//! Downloading, uploading, previewing and applying sheets: the I/O around [`super::preview`].
//! Applying goes through `tracking::save_in` and `reconcile::save_in` — the web forms' saves,
//! with their checks, versions and audit events — inside one transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::{
    SheetKind, UPLOAD_TTL,
    layout::evidence_cell,
    preview::{self, Known, Outcome, RowPreview, Values},
    read::{self, FileError, Identity, RowInput},
    sha256_hex,
    write::{self, OutRow},
};
use crate::{
    auth::User,
    db::{
        self,
        audit::{self, Actor, NewEvent},
        cycles::Cycle,
        sheets::{NewUpload, Upload},
    },
    domain::{
        account::{Role, Side},
        assessment::Draft,
        cycle::CycleState,
    },
    i18n::Lang,
    reconcile::{self, JointInput, ReconcileFailure},
    tracking::{self, SaveFailure, SaveRequest},
};

/// Why a sheet was not downloaded, stored or applied; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("no such cycle or upload")]
    NotFound,
    #[error("{0}")]
    File(#[from] FileError),
    #[error("the sheet is for the {found} cycle, not {expected}")]
    WrongCycle { found: i32, expected: i32 },
    #[error("this account may not use the {} sheet", .0.code())]
    Forbidden(SheetKind),
    #[error("the {} sheet cannot be applied while the cycle is {state}", .kind.code())]
    WrongState { kind: SheetKind, state: CycleState },
    #[error("the upload has expired: upload the file again")]
    Expired,
    #[error("the upload was applied already")]
    AlreadyApplied,
    #[error("the file does not match the one previewed")]
    HashMismatch,
    #[error(
        "{count} rows have errors: nothing applied (the valid rows can be applied on their own)"
    )]
    HasErrors { count: usize },
    #[error("row {line} ({reference}) could not be saved: {reason}; nothing applied")]
    Conflict {
        line: usize,
        reference: String,
        reason: String,
    },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("the spreadsheet could not be written: {0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

impl SheetError {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use fluent_templates::fluent_bundle::FluentValue as V;
        match self {
            SheetError::File(e) => e.message(lang),
            SheetError::WrongCycle { found, expected } => lang.t_args(
                "sheet-error-wrong-cycle",
                &[
                    ("found", V::from(found.to_string())),
                    ("expected", V::from(expected.to_string())),
                ],
            ),
            SheetError::Forbidden(kind) => lang.t(match kind {
                SheetKind::Joint => "sheet-error-forbidden-joint",
                SheetKind::Side(_) => "sheet-error-forbidden-side",
            }),
            SheetError::WrongState { kind, .. } => lang.t(match kind {
                SheetKind::Joint => "sheet-error-state-joint",
                SheetKind::Side(_) => "sheet-error-state-side",
            }),
            SheetError::Expired => lang.t("sheet-error-expired"),
            SheetError::AlreadyApplied => lang.t("sheet-error-applied"),
            SheetError::HashMismatch => lang.t("sheet-error-hash"),
            SheetError::HasErrors { count } => {
                lang.t_args("sheet-error-has-errors", &[("count", V::from(*count))])
            }
            SheetError::Conflict {
                line, reference, ..
            } => lang.t_args(
                "sheet-error-conflict",
                &[
                    ("line", V::from(*line)),
                    ("reference", V::from(reference.clone())),
                ],
            ),
            other => other.to_string(),
        }
    }
}

/// May `user` download `kind`? Officers their own side's sheet; the secretariat and
/// administrators every sheet.
pub fn may_download(user: &User, kind: SheetKind) -> bool {
    match user.role() {
        Role::Secretariat | Role::Admin => true,
        Role::Officer => matches!(kind, SheetKind::Side(side) if user.side() == Some(side)),
        Role::Viewer => false,
    }
}

/// May `user` upload `kind`? The writers of its values: that side's officers, or the
/// secretariat and administrators for the joint reviews.
pub fn may_upload(user: &User, kind: SheetKind) -> bool {
    match kind {
        SheetKind::Side(side) => tracking::may_write(user, side),
        SheetKind::Joint => matches!(user.role(), Role::Secretariat | Role::Admin),
    }
}

async fn find_cycle(pool: &PgPool, partnership_id: i64, year: i32) -> Result<Cycle, SheetError> {
    db::cycles::find_by_year(pool, partnership_id, year)
        .await?
        .ok_or(SheetError::NotFound)
}

/// The sheet's file name: `sdp-2026-eu-en.xlsx`.
pub fn file_name(identity: Identity) -> String {
    format!(
        "sdp-{}-{}-{}.xlsx",
        identity.year,
        identity.kind.code(),
        identity.lang.code()
    )
}

/// Writes the sheet of `kind` for the cycle of `year` in `lang`, and records the download.
pub async fn export(
    pool: &PgPool,
    partnership_id: i64,
    identity: Identity,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Vec<u8>, SheetError> {
    let cycle = find_cycle(pool, partnership_id, identity.year).await?;
    let lang = identity.lang;
    let board = tracking::board(pool, cycle).await?;
    let ids: Vec<i64> = board
        .rows
        .iter()
        .flat_map(|r| [&r.eu, &r.ca])
        .filter_map(|s| s.current.as_ref().map(|c| c.id))
        .collect();
    let evidence = db::assessments::evidence(pool, &ids).await?;
    let label = |s: Option<crate::domain::status::Status>| {
        s.map(|s| lang.t(s.label_key())).unwrap_or_default()
    };
    let rows: Vec<OutRow> = board
        .rows
        .iter()
        .map(|r| {
            let mut out = OutRow {
                reference: r.info.reference.clone(),
                area: r
                    .info
                    .area_title
                    .get(lang)
                    .map(|(t, _)| t.clone())
                    .unwrap_or_default(),
                commitment: r
                    .info
                    .body
                    .get(lang)
                    .map(|(t, _)| t.clone())
                    .unwrap_or_default(),
                eu_status: label(r.eu.status()),
                ca_status: label(r.ca.status()),
                ..OutRow::default()
            };
            match identity.kind {
                SheetKind::Side(side) => {
                    let view = r.side(side);
                    out.version = view.version();
                    if let Some(cur) = &view.current {
                        out.status = label(Some(cur.status));
                        out.narrative = cur.narrative.clone();
                        let links: Vec<_> = evidence
                            .iter()
                            .filter(|(id, _)| *id == cur.id)
                            .map(|(_, e)| e.clone())
                            .collect();
                        out.evidence = evidence_cell(&links);
                    }
                }
                SheetKind::Joint => {
                    if let Some(j) = &r.joint {
                        out.version = j.version;
                        out.status = label(Some(j.status));
                        out.summary_en = j.summary_en.clone();
                        out.summary_fr = j.summary_fr.clone();
                        out.next_steps = j.next_steps.en.clone().unwrap_or_default();
                        out.next_steps_fr = j.next_steps.fr.clone().unwrap_or_default();
                    }
                }
            }
            out
        })
        .collect();
    let bytes = write::xlsx(identity, &rows)?;
    audit::record(
        pool,
        NewEvent {
            actor,
            action: "sheet.export",
            entity: "review_cycle",
            entity_id: Some(identity.year.to_string()),
            before: None,
            after: Some(json!({
                "cycle": identity.year, "sheet": identity.kind.code(), "lang": lang.code(),
                "rows": rows.len(),
            })),
            request_id,
        },
    )
    .await?;
    Ok(bytes)
}

/// What the database holds for each commitment of the sheet, by reference.
async fn known(
    pool: &PgPool,
    partnership_id: i64,
    cycle: &Cycle,
    kind: SheetKind,
) -> Result<HashMap<String, Known>, SheetError> {
    let commitments = db::board::commitments(pool, partnership_id).await?;
    let mut by_id: HashMap<i64, Known> = commitments
        .iter()
        .map(|c| {
            let known = Known {
                history: HashMap::from([(0, Values::default())]),
                ..Known::default()
            };
            (c.id, known)
        })
        .collect();
    let mut add = |commitment_id: i64, version: i32, values: Values| {
        if let Some(k) = by_id.get_mut(&commitment_id) {
            if version >= k.version {
                k.version = version;
                k.current = values.clone();
            }
            k.history.insert(version, values);
        }
    };
    match kind {
        SheetKind::Side(side) => {
            let revisions = db::sheets::side_revisions(pool, cycle.id, side).await?;
            let ids: Vec<i64> = revisions.iter().map(|r| r.id).collect();
            let evidence = db::assessments::evidence(pool, &ids).await?;
            for r in revisions {
                let values = Values {
                    status: Some(r.status),
                    narrative: r.narrative,
                    evidence: evidence
                        .iter()
                        .filter(|(id, _)| *id == r.id)
                        .map(|(_, e)| e.clone())
                        .collect(),
                    ..Values::default()
                };
                add(r.commitment_id, r.version, values);
            }
        }
        SheetKind::Joint => {
            for j in db::sheets::joint_revisions(pool, cycle.id).await? {
                let values = Values {
                    status: Some(j.status),
                    summary_en: j.summary_en,
                    summary_fr: j.summary_fr,
                    next_steps: j.next_steps,
                    next_steps_fr: j.next_steps_fr,
                    ..Values::default()
                };
                add(j.commitment_id, j.version, values);
            }
        }
    }
    Ok(commitments
        .into_iter()
        .filter_map(|c| by_id.remove(&c.id).map(|k| (c.reference, k)))
        .collect())
}

/// A stored upload with its preview, as of now.
#[derive(Debug, Clone)]
pub struct Previewed {
    pub upload: Upload,
    pub identity: Identity,
    pub cycle: Cycle,
    pub rows: Vec<RowPreview>,
}

impl Previewed {
    pub fn changes(&self) -> usize {
        self.rows.iter().filter(|r| r.is_change()).count()
    }
    pub fn errors(&self) -> usize {
        self.rows.iter().filter(|r| r.is_error()).count()
    }
    pub fn unchanged(&self) -> usize {
        self.rows.len() - self.changes() - self.errors()
    }
}

/// Reads `bytes` and checks that it is a sheet of the cycle of `year` that `user` may upload.
async fn check_file(
    pool: &PgPool,
    user: &User,
    partnership_id: i64,
    year: i32,
    bytes: &[u8],
) -> Result<(Cycle, read::Parsed), SheetError> {
    let cycle = find_cycle(pool, partnership_id, year).await?;
    let parsed = read::parse(bytes)?;
    if parsed.identity.year != year {
        return Err(SheetError::WrongCycle {
            found: parsed.identity.year,
            expected: year,
        });
    }
    let kind = parsed.identity.kind;
    if !may_upload(user, kind) {
        return Err(SheetError::Forbidden(kind));
    }
    Ok((cycle, parsed))
}

/// The preview of a file without storing anything (`sheet import --dry-run`).
pub async fn preview_file(
    pool: &PgPool,
    user: &User,
    partnership_id: i64,
    year: i32,
    bytes: &[u8],
) -> Result<Vec<RowPreview>, SheetError> {
    let (cycle, parsed) = check_file(pool, user, partnership_id, year, bytes).await?;
    let known = known(pool, partnership_id, &cycle, parsed.identity.kind).await?;
    Ok(preview::classify(
        parsed.identity.kind,
        &parsed.rows,
        &known,
    ))
}

/// Reads `bytes`, checks that `user` may upload that sheet for the cycle of `year`, and stores
/// it for preview; returns its id.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    pool: &PgPool,
    now: DateTime<Utc>,
    user: &User,
    partnership_id: i64,
    year: i32,
    file_name: &str,
    bytes: &[u8],
    request_id: Option<&str>,
) -> Result<Uuid, SheetError> {
    let (cycle, parsed) = check_file(pool, user, partnership_id, year, bytes).await?;
    let kind = parsed.identity.kind;
    let id = Uuid::new_v4();
    let sha256 = sha256_hex(bytes);
    let name: String = file_name.chars().take(255).collect();
    let expires_at = now + chrono::Duration::from_std(UPLOAD_TTL).expect("a short duration");
    let mut tx = pool.begin().await?;
    db::sheets::delete_expired(&mut *tx, now).await?;
    db::sheets::insert_upload(
        &mut *tx,
        &NewUpload {
            id,
            user_id: user.id(),
            cycle_id: cycle.id,
            kind: kind.code(),
            file_name: &name,
            sha256: &sha256,
            rows: json!({ "identity": parsed.identity, "rows": parsed.rows }),
            created_at: now,
            expires_at,
        },
    )
    .await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(user),
            action: "sheet.upload",
            entity: "sheet_upload",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({
                "cycle": year, "sheet": kind.code(), "file": name, "sha256": sha256,
                "rows": parsed.rows.len(),
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn actor(user: &User) -> Actor {
    Actor {
        user_id: Some(user.id()),
        name: user.email().to_owned(),
    }
}

/// The upload `id` of `user` for the cycle of `year`, previewed against the database now.
/// Another user's upload, or another cycle's, is not found.
pub async fn preview(
    pool: &PgPool,
    now: DateTime<Utc>,
    user: &User,
    partnership_id: i64,
    year: i32,
    id: Uuid,
) -> Result<Previewed, SheetError> {
    let upload = db::sheets::find_upload(pool, id)
        .await?
        .filter(|u| u.user_id == user.id())
        .ok_or(SheetError::NotFound)?;
    let cycle = find_cycle(pool, partnership_id, year).await?;
    if upload.cycle_id != cycle.id {
        return Err(SheetError::NotFound);
    }
    if upload.expires_at <= now && upload.applied_at.is_none() {
        return Err(SheetError::Expired);
    }
    #[derive(serde::Deserialize)]
    struct Stored {
        identity: Identity,
        rows: Vec<RowInput>,
    }
    let stored: Stored = serde_json::from_value(upload.rows.clone())
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    let known = known(pool, partnership_id, &cycle, stored.identity.kind).await?;
    let rows = preview::classify(stored.identity.kind, &stored.rows, &known);
    Ok(Previewed {
        upload,
        identity: stored.identity,
        cycle,
        rows,
    })
}

/// What an apply wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// New revisions written.
    pub changed: usize,
    /// Rows with errors left out.
    pub skipped: usize,
}

/// Applies the upload `id` previewed with the file hash `sha256`: every change in one
/// transaction, each through the same save as the web form. Refused while rows have errors
/// unless `valid_only`; a save refused meanwhile (someone saved in between) refuses the whole.
#[allow(clippy::too_many_arguments)]
pub async fn apply(
    pool: &PgPool,
    now: DateTime<Utc>,
    user: &User,
    partnership_id: i64,
    year: i32,
    id: Uuid,
    sha256: &str,
    valid_only: bool,
    request_id: Option<&str>,
) -> Result<Applied, SheetError> {
    let previewed = preview(pool, now, user, partnership_id, year, id).await?;
    if previewed.upload.applied_at.is_some() {
        return Err(SheetError::AlreadyApplied);
    }
    if previewed.upload.sha256 != sha256.trim().to_ascii_lowercase() {
        return Err(SheetError::HashMismatch);
    }
    let kind = previewed.identity.kind;
    if !may_upload(user, kind) {
        return Err(SheetError::Forbidden(kind));
    }
    let needed = match kind {
        SheetKind::Side(_) => CycleState::Open,
        SheetKind::Joint => CycleState::Reconciliation,
    };
    if previewed.cycle.state != needed {
        return Err(SheetError::WrongState {
            kind,
            state: previewed.cycle.state,
        });
    }
    let errors = previewed.errors();
    if errors > 0 && !valid_only {
        return Err(SheetError::HasErrors { count: errors });
    }
    let mut tx = pool.begin().await?;
    if !db::sheets::mark_applied(&mut *tx, id, now).await? {
        return Err(SheetError::AlreadyApplied);
    }
    let actor = actor(user);
    let mut changed = Vec::new();
    for row in &previewed.rows {
        let Outcome::Change { based_on, .. } = row.outcome else {
            continue;
        };
        let conflict = |reason: String| SheetError::Conflict {
            line: row.line,
            reference: row.reference.clone(),
            reason,
        };
        let status = row.values.status.expect("a change has a status");
        match kind {
            SheetKind::Side(side) => {
                let req = SaveRequest {
                    year,
                    reference: &row.reference,
                    side,
                    based_on,
                    draft: Draft {
                        status: status.as_str().to_owned(),
                        narrative: row.values.narrative.clone(),
                        evidence: row.values.evidence.clone(),
                    },
                    request_id,
                };
                tracking::save_in(&mut tx, partnership_id, user, req)
                    .await
                    .map_err(|e| match e {
                        SaveFailure::Database(e) => SheetError::Database(e),
                        other => conflict(other.to_string()),
                    })?;
            }
            SheetKind::Joint => {
                let input = JointInput {
                    status: status.as_str().to_owned(),
                    summary_en: row.values.summary_en.clone(),
                    summary_fr: row.values.summary_fr.clone(),
                    next_steps: row.values.next_steps.clone(),
                    next_steps_fr: row.values.next_steps_fr.clone(),
                    version: based_on.to_string(),
                };
                reconcile::save_in(
                    &mut tx,
                    partnership_id,
                    year,
                    &row.reference,
                    &input,
                    &actor,
                    request_id,
                )
                .await
                .map_err(|e| match e {
                    ReconcileFailure::Database(e) => SheetError::Database(e),
                    other => conflict(other.to_string()),
                })?;
            }
        }
        changed.push(row.reference.clone());
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor,
            action: "sheet.apply",
            entity: "sheet_upload",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({
                "cycle": year, "sheet": kind.code(), "sha256": previewed.upload.sha256,
                "changed": changed, "skipped_rows": errors,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Applied {
        changed: changed.len(),
        skipped: errors,
    })
}

/// The sides' sheets and the joint sheet, for a user: what they may download.
pub fn downloadable(user: &User) -> Vec<SheetKind> {
    SheetKind::ALL
        .into_iter()
        .filter(|k| may_download(user, *k))
        .collect()
}

/// A side's name key, for pages.
pub fn kind_label_key(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Side(Side::Eu) => "sheet-kind-eu",
        SheetKind::Side(Side::Ca) => "sheet-kind-ca",
        SheetKind::Joint => "sheet-kind-joint",
    }
}
