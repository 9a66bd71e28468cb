//! Builds the [`Report`] of a cycle from the database: the tracking board, the joint reviews, the
//! previous cycle (for trends) and the errata, then assembles them without further I/O.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::{
    clock::Clock,
    db::{
        self,
        assessments::{self, Revision},
        cycles::Cycle,
        // The report's model has its own `Erratum`; these are the database rows.
        joint::{Erratum as ErratumRow, JointRevision as JointRow, Published},
        partnership::{Area, Partnership},
    },
    domain::{
        account::Side,
        errata::Corrected,
        lang::Bilingual,
        status::Status,
        trend::{self, Trend},
    },
    i18n::{Lang, format_date},
    report::model::*,
    tracking::{self, Board, BoardRow},
};

/// Why a report could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("there is no partnership in the database")]
    NoPartnership,
    #[error("there is no {0} cycle")]
    NoSuchCycle(i32),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The report of the default partnership's `year` cycle in `lang`, generated at `clock`'s now.
pub async fn build(
    pool: &PgPool,
    year: i32,
    lang: Lang,
    clock: &Clock,
) -> Result<Report, BuildError> {
    let partnership = db::partnership::find_default(pool)
        .await?
        .ok_or(BuildError::NoPartnership)?;
    let cycle = db::cycles::find_by_year(pool, partnership.id, year)
        .await?
        .ok_or(BuildError::NoSuchCycle(year))?;
    let areas = db::partnership::areas(pool, partnership.id).await?;
    let board = tracking::board(pool, cycle).await?;
    // The board already holds this cycle's current joint reviews.
    let joint: Vec<JointRow> = board.rows.iter().filter_map(|r| r.joint.clone()).collect();
    // The published view: joint reviews with the cycle's errata applied, as the public page shows.
    let published = db::joint::published(pool, partnership.id, board.cycle.id).await?;
    let previous_published = match &board.previous {
        Some(p) => db::joint::published(pool, partnership.id, p.id).await?,
        None => Vec::new(),
    };
    let ids: Vec<i64> = board
        .rows
        .iter()
        .flat_map(|r| [&r.eu.current, &r.ca.current])
        .flatten()
        .map(|r| r.id)
        .collect();
    let evidence = assessments::evidence(pool, &ids).await?;
    let errata = db::joint::errata(pool, board.cycle.id).await?;
    Ok(assemble(Inputs {
        lang,
        now: clock.now(),
        partnership: &partnership,
        areas: &areas,
        board: &board,
        joint: &joint,
        published: &published,
        previous_published: &previous_published,
        evidence: &evidence,
        errata: &errata,
    }))
}

/// The status each commitment of a cycle has for comparison (see [`trend::effective`]), by
/// commitment id: the joint status, else the two sides' status when they agree.
pub async fn comparable_statuses(
    pool: &PgPool,
    cycle: &Cycle,
) -> sqlx::Result<HashMap<i64, Status>> {
    let joint = db::joint::current_for_cycle(pool, cycle.id).await?;
    let sides = assessments::current_for_cycle(pool, cycle.id).await?;
    Ok(effective_map(&joint, &sides))
}

/// A commitment's joint status and each side's, as far as there are any.
type Statuses = (Option<Status>, Option<Status>, Option<Status>);

fn effective_map(joint: &[JointRow], sides: &[Revision]) -> HashMap<i64, Status> {
    let mut per: HashMap<i64, Statuses> = HashMap::new();
    for j in joint {
        per.entry(j.commitment_id).or_default().0 = Some(j.status);
    }
    for r in sides {
        let e = per.entry(r.commitment_id).or_default();
        match r.side {
            Side::Eu => e.1 = Some(r.status),
            Side::Ca => e.2 = Some(r.status),
        }
    }
    per.into_iter()
        .filter_map(|(id, (j, eu, ca))| trend::effective(j, eu, ca).map(|s| (id, s)))
        .collect()
}

/// Everything [`assemble`] needs, read beforehand.
pub struct Inputs<'a> {
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub partnership: &'a Partnership,
    pub areas: &'a [Area],
    pub board: &'a Board,
    /// The current joint reviews (who reviewed, when).
    pub joint: &'a [JointRow],
    /// This cycle's and the previous cycle's joint reviews after errata (what the report shows).
    pub published: &'a [Published],
    pub previous_published: &'a [Published],
    pub evidence: &'a [(i64, crate::domain::assessment::Evidence)],
    pub errata: &'a [ErratumRow],
}

/// A status as printed in `lang`.
pub fn status_value(lang: Lang, status: Status) -> StatusValue {
    StatusValue {
        key: status,
        label: lang.t(status.label_key()),
        symbol: status.symbol().to_owned(),
    }
}

/// A trend as printed in `lang`.
pub fn trend_value(lang: Lang, trend: Trend) -> TrendValue {
    TrendValue {
        key: trend,
        label: lang.t(trend.label_key()),
    }
}

fn status_counts(lang: Lang, statuses: impl Iterator<Item = Status> + Clone) -> Vec<StatusCount> {
    Status::ALL
        .into_iter()
        .map(|s| StatusCount {
            status: status_value(lang, s),
            count: statuses.clone().filter(|x| *x == s).count(),
        })
        .collect()
}

/// Assembles the report; no I/O.
pub fn assemble(i: Inputs<'_>) -> Report {
    let lang = i.lang;
    let cycle = &i.board.cycle;
    let joint: HashMap<i64, &JointRow> = i.joint.iter().map(|j| (j.commitment_id, j)).collect();
    let published: HashMap<i64, &Corrected> = i
        .published
        .iter()
        .map(|p| (p.commitment_id, &p.joint))
        .collect();
    let previous_joint: HashMap<i64, Status> = i
        .previous_published
        .iter()
        .filter_map(|p| p.joint.fields.status.map(|s| (p.commitment_id, s)))
        .collect();
    let has_previous = i.board.previous.is_some();

    // Errata are numbered in the order they were recorded, as `db::joint::published` numbers them.
    let erratum = |(n, e): (usize, &ErratumRow)| Erratum {
        number: u32::try_from(n + 1).unwrap_or(u32::MAX),
        reference: e.reference.clone(),
        at: e.at,
        at_text: format_date(e.at.date_naive(), lang),
        author: e.author.clone(),
        reason: e.reason.clone(),
        changes: erratum_changes(lang, &e.changes),
    };

    let entries: Vec<CommitmentEntry> = i
        .board
        .rows
        .iter()
        .map(|row| {
            let j = joint.get(&row.info.id).copied();
            let corrected = published.get(&row.info.id).copied();
            let status = corrected.and_then(|c| c.fields.status);
            let current = trend::effective(status, row.eu.status(), row.ca.status());
            let previous = trend::effective(
                previous_joint.get(&row.info.id).copied(),
                row.eu.carried,
                row.ca.carried,
            );
            let trend = if has_previous {
                Trend::between(previous, current).map(|t| trend_value(lang, t))
            } else {
                None
            };
            let area_title = row.info.area_title.shown(lang);
            let text = row.info.body.shown(lang);
            CommitmentEntry {
                reference: row.info.reference.clone(),
                paragraph_number: row.info.paragraph_number,
                area_slug: row.info.area_slug.clone(),
                area_title: area_title.text,
                area_title_lang: area_title.lang,
                text: text.text,
                text_lang: text.lang,
                eu: side_entry(lang, row, Side::Eu, i.evidence),
                ca: side_entry(lang, row, Side::Ca, i.evidence),
                divergent: row.divergent(),
                joint: corrected
                    .zip(status)
                    .map(|(c, status)| joint_entry(lang, c, status, j, i.errata, row.info.id)),
                trend,
                errata: i
                    .errata
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.commitment_id == Some(row.info.id))
                    .map(erratum)
                    .collect(),
            }
        })
        .collect();

    let joint_status = |e: &CommitmentEntry| {
        e.joint
            .as_ref()
            .map_or(Status::NotAssessed, |j| j.status.key)
    };

    // Areas in text order; a nested area follows its parent (positions are in text order).
    let mut areas = Vec::new();
    let mut by_area = Vec::new();
    for area in i.areas {
        let children: Vec<&Area> = i
            .areas
            .iter()
            .filter(|a| a.parent_id == Some(area.id))
            .collect();
        let direct: Vec<CommitmentEntry> = entries
            .iter()
            .filter(|e| e.area_slug == area.slug)
            .cloned()
            .collect();
        let below = children
            .iter()
            .any(|c| entries.iter().any(|e| e.area_slug == c.slug));
        if direct.is_empty() && !below {
            continue;
        }
        let depth = u8::from(area.parent_id.is_some());
        let title = area.title.shown(lang);
        let parent_slug = area
            .parent_id
            .and_then(|p| i.areas.iter().find(|a| a.id == p))
            .map(|a| a.slug.clone());
        by_area.push(AreaCounts {
            slug: area.slug.clone(),
            title: title.text.clone(),
            title_lang: title.lang,
            depth,
            total: direct.len(),
            by_joint_status: status_counts(lang, direct.iter().map(joint_status)),
            divergent: direct.iter().filter(|e| e.divergent).count(),
        });
        areas.push(AreaSection {
            slug: area.slug.clone(),
            title: title.text,
            title_lang: title.lang,
            depth,
            parent_slug,
            commitments: direct,
        });
    }

    let by_side = Side::ALL
        .into_iter()
        .map(|side| {
            let statuses = i
                .board
                .rows
                .iter()
                .filter_map(move |r| r.side(side).status());
            SideCounts {
                side,
                side_label: lang.t(side.label_key()),
                by_status: status_counts(lang, statuses.clone()),
                not_submitted: i.board.rows.len() - statuses.count(),
            }
        })
        .collect();

    let trend_summary = i.board.previous.as_ref().map(|p| TrendSummary {
        previous_year: p.year,
        counts: Trend::ALL
            .into_iter()
            .map(|t| TrendCount {
                trend: trend_value(lang, t),
                count: entries
                    .iter()
                    .filter(|e| e.trend.as_ref().is_some_and(|x| x.key == t))
                    .count(),
            })
            .collect(),
        unknown: entries.iter().filter(|e| e.trend.is_none()).count(),
    });

    let for_discussion = entries
        .iter()
        .filter_map(|e| {
            let mut reasons = Vec::new();
            if e.divergent {
                reasons.push(DiscussionReason::Divergent);
            }
            let challenged = [
                e.eu.status.as_ref(),
                e.ca.status.as_ref(),
                e.joint.as_ref().map(|j| &j.status),
            ]
            .into_iter()
            .flatten()
            .any(|s| s.key == Status::Challenges);
            if challenged {
                reasons.push(DiscussionReason::Challenges);
            }
            if e.trend.as_ref().is_some_and(|t| t.key == Trend::Regressed) {
                reasons.push(DiscussionReason::Regressed);
            }
            (!reasons.is_empty()).then(|| DiscussionItem {
                reference: e.reference.clone(),
                area_title: e.area_title.clone(),
                area_title_lang: e.area_title_lang,
                reasons: reasons
                    .into_iter()
                    .map(|r| ReasonValue {
                        key: r,
                        label: lang.t(reason_key(r)),
                    })
                    .collect(),
                eu: e.eu.status.clone(),
                ca: e.ca.status.clone(),
                joint: e.joint.as_ref().map(|j| j.status.clone()),
            })
        })
        .collect();

    let summary = Summary {
        total: entries.len(),
        reviewed: entries.iter().filter(|e| e.joint.is_some()).count(),
        by_joint_status: status_counts(lang, entries.iter().map(joint_status)),
        by_side,
        by_area,
        divergent: entries.iter().filter(|e| e.divergent).count(),
        trend: trend_summary,
    };

    let partnership_title = i.partnership.title.shown(lang);
    let foreign = partnership_title.foreign()
        || areas.iter().any(|a: &AreaSection| {
            a.title_lang != lang
                || a.commitments
                    .iter()
                    .any(|c| c.text_lang != lang || c.area_title_lang != lang)
        });
    let (dialogue_title, dialogue_title_lang) = shown(&cycle.title, lang);
    let (place, place_lang) = shown(&cycle.place, lang);
    Report {
        lang,
        text_notice: foreign.then(|| lang.t("report-text-lang-notice")),
        year: cycle.year,
        previous_year: i.board.previous.as_ref().map(|p| p.year),
        labels: labels(lang),
        cover: Cover {
            report_title: lang.t("report-title"),
            document_title: format!("{} – {dialogue_title}", lang.t("report-title")),
            creator: lang.t("service-name"),
            locale: lang.locale().to_owned(),
            partnership_title: partnership_title.text,
            partnership_title_lang: partnership_title.lang,
            document_number: i.partnership.document_number.clone(),
            marking: i.partnership.marking.clone(),
            dialogue_title,
            dialogue_title_lang,
            meeting_date: cycle.meeting_date,
            meeting_date_text: format_date(cycle.meeting_date, lang),
            place,
            place_lang,
            cycle_state: cycle.state,
            cycle_state_label: lang.t(cycle.state.label_key()),
            generated_at: i.now,
            generated_at_text: format_date(i.now.date_naive(), lang),
        },
        summary,
        areas,
        for_discussion,
        errata: i.errata.iter().enumerate().map(erratum).collect(),
    }
}

/// A commitment's joint review as published: `corrected`'s fields (after errata), who reviewed
/// and when from the joint review `j`, or from its latest erratum when the cycle had none.
fn joint_entry(
    lang: Lang,
    corrected: &Corrected,
    status: Status,
    j: Option<&JointRow>,
    errata: &[ErratumRow],
    commitment_id: i64,
) -> JointEntry {
    let f = &corrected.fields;
    let last_erratum = || {
        errata
            .iter()
            .rfind(|e| e.commitment_id == Some(commitment_id))
    };
    let numbers: Vec<String> = corrected
        .corrected_by
        .iter()
        .map(ToString::to_string)
        .collect();
    let present = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
    let (summary, summary_lang) = shown(
        &Bilingual {
            en: present(&f.summary_en),
            fr: present(&f.summary_fr),
        },
        lang,
    );
    let (next_steps, next_steps_lang) = shown(
        &Bilingual {
            en: present(&f.next_steps),
            fr: present(&f.next_steps_fr),
        },
        lang,
    );
    JointEntry {
        status: status_value(lang, status),
        summary,
        summary_lang,
        next_steps,
        next_steps_lang,
        version: j.map_or(0, |j| j.version),
        author: j
            .map(|j| j.author.clone())
            .or_else(|| last_erratum().map(|e| e.author.clone()))
            .unwrap_or_default(),
        at: j
            .map(|j| j.created_at)
            .or_else(|| last_erratum().map(|e| e.at))
            .unwrap_or_default(),
        corrected_by: corrected.corrected_by.clone(),
        corrected: (!numbers.is_empty()).then(|| {
            lang.t_args(
                "report-corrected",
                &[("numbers", numbers.join(", ").into())],
            )
        }),
    }
}

/// Content in two languages as a reader of `lang` is shown it, and the language it is in: theirs
/// when it exists, else the other (empty, in `lang`, when neither does).
fn shown(text: &Bilingual<String>, lang: Lang) -> (String, Lang) {
    text.get(lang)
        .map_or_else(|| (String::new(), lang), |(t, l)| (t.clone(), l))
}

fn side_entry(
    lang: Lang,
    row: &BoardRow,
    side: Side,
    evidence: &[(i64, crate::domain::assessment::Evidence)],
) -> SideEntry {
    let current = row.side(side).current.as_ref();
    SideEntry {
        side,
        side_label: lang.t(side.label_key()),
        status: current.map(|r| status_value(lang, r.status)),
        narrative: current.map(|r| r.narrative.clone()).unwrap_or_default(),
        evidence: current
            .map(|r| {
                evidence
                    .iter()
                    .filter(|(id, _)| *id == r.id)
                    .map(|(_, e)| EvidenceLink {
                        url: e.url.clone(),
                        label: e.label.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        author: current.map(|r| r.author.clone()),
        updated_at: current.map(|r| r.created_at),
    }
}

fn reason_key(reason: DiscussionReason) -> &'static str {
    match reason {
        DiscussionReason::Divergent => "divergent",
        DiscussionReason::Challenges => "report-reason-challenges",
        DiscussionReason::Regressed => "report-reason-regressed",
    }
}

/// The changes of an erratum (a JSON object of new values) as printed lines.
fn erratum_changes(lang: Lang, changes: &serde_json::Value) -> Vec<ErratumChange> {
    let Some(map) = changes.as_object() else {
        return Vec::new();
    };
    map.iter()
        .map(|(field, value)| {
            let value_lang = match field.as_str() {
                "summary_en" | "next_steps" => Some(Lang::En),
                "summary_fr" | "next_steps_fr" => Some(Lang::Fr),
                _ => None,
            };
            let label = match field.as_str() {
                "status" => lang.t("report-joint-status"),
                "summary_en" => lang.t("report-field-summary-en"),
                "summary_fr" => lang.t("report-field-summary-fr"),
                "next_steps" => lang.t("report-field-next-steps-en"),
                "next_steps_fr" => lang.t("report-field-next-steps-fr"),
                other => other.to_owned(),
            };
            let value = match value {
                serde_json::Value::String(s) if field == "status" => s
                    .parse::<Status>()
                    .map(|st| lang.t(st.label_key()))
                    .unwrap_or_else(|_| s.clone()),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            ErratumChange {
                field: field.clone(),
                label,
                value,
                value_lang,
            }
        })
        .collect()
}

fn labels(lang: Lang) -> Labels {
    let t = |k: &str| lang.t(k);
    Labels {
        report_title: t("report-title"),
        marking: t("report-marking"),
        document_number: t("report-document-number"),
        meeting: t("report-meeting"),
        place: t("report-place"),
        generated_at: t("report-generated-at"),
        cycle_state: t("report-cycle-state"),
        summary: t("report-summary"),
        total: t("report-total"),
        reviewed: t("report-reviewed"),
        by_joint_status: t("report-by-joint-status"),
        by_side: t("report-by-side"),
        by_area: t("report-by-area"),
        area: t("report-area"),
        count: t("report-count"),
        status: t("report-status"),
        divergences: t("report-divergences"),
        trend_since: t("report-trend-since"),
        no_previous_cycle: t("report-no-previous-cycle"),
        no_trend: t("report-no-trend"),
        progress_by_area: t("report-progress-by-area"),
        reference: t("report-reference"),
        paragraph: t("report-paragraph"),
        text: t("report-text"),
        text_lang: t("report-text-lang"),
        narrative: t("report-narrative"),
        evidence: t("report-evidence"),
        joint_status: t("report-joint-status"),
        summary_line: t("report-summary-line"),
        next_steps: t("report-next-steps"),
        trend: t("report-trend"),
        divergent: t("divergent"),
        not_submitted: t("report-not-submitted"),
        no_joint_review: t("report-no-joint-review"),
        not_submitted_count: t("report-not-submitted-count"),
        for_discussion: t("report-for-discussion"),
        nothing_for_discussion: t("report-nothing-for-discussion"),
        reasons: t("report-reasons"),
        errata: t("report-errata"),
        no_errata: t("report-no-errata"),
        erratum_author: t("report-erratum-author"),
        erratum_date: t("report-erratum-date"),
        erratum_reason: t("report-erratum-reason"),
        erratum_changes: t("report-erratum-changes"),
        correction: t("report-correction"),
        whole_cycle: t("report-whole-cycle"),
        side_eu: t("side-eu"),
        side_ca: t("side-ca"),
    }
}
