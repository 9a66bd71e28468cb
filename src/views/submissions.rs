//! Submissions the secretariat can chase: per side, what is still missing in a cycle grouped by
//! lead officer, and each side's sign-off (the cycle page's `cycles/submissions.html`), and the
//! missing list as `missing.csv`. The confirmation page and the dashboard's part are in
//! [`super::signoff`].

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;

use super::{
    commitment_href,
    text::{LangText, lang_attr},
    tracking::excerpt,
};
use crate::{
    auth::User,
    db::signoff::SignOff,
    domain::account::Side,
    i18n::{Lang, format_moment},
    report::csv::{BOM, neutralise},
    tracking::{Board, BoardRow, may_write},
};

/// How much of a commitment's text stands for its title in the missing list.
pub const TITLE_CHARS: usize = 90;

/// A lead officer's list longer than this is folded (a details element) to keep the page compact.
pub const FOLD_AFTER: usize = 5;

/// A lead officer to chase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadOfficer {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub organisation: Option<String>,
}

/// A commitment without the side's assessment this cycle.
#[derive(Debug, Clone)]
pub struct MissingItem {
    pub reference: String,
    /// The start of its text, in the reader's language when it exists.
    pub title: LangText,
    pub area: LangText,
}

impl MissingItem {
    pub fn of(row: &BoardRow, lang: Lang) -> MissingItem {
        let body = row.info.body.shown(lang);
        MissingItem {
            reference: row.info.reference.clone(),
            title: LangText {
                text: excerpt(&body.text, TITLE_CHARS),
                ..body
            },
            area: row.info.area_title.shown(lang),
        }
    }

    pub fn href(&self) -> String {
        commitment_href(&self.reference)
    }
}

/// The missing commitments of one lead officer, or of none (`lead` is `None`).
#[derive(Debug, Clone)]
pub struct MissingGroup {
    pub lead: Option<LeadOfficer>,
    pub items: Vec<MissingItem>,
}

/// One side's submission in a cycle: what is missing, by lead officer, and its sign-off.
#[derive(Debug, Clone)]
pub struct SideSubmission {
    pub side: Side,
    /// Commitments without the side's assessment.
    pub missing: usize,
    /// Lead officers with the most missing first, then commitments without a lead officer.
    pub groups: Vec<MissingGroup>,
    pub signoff: Option<SignOff>,
}

impl SideSubmission {
    pub fn of(board: &Board, side: Side, lang: Lang) -> SideSubmission {
        let mut by_lead: BTreeMap<i64, MissingGroup> = BTreeMap::new();
        let mut unassigned = Vec::new();
        let mut missing = 0;
        for row in board.missing(side) {
            missing += 1;
            let item = MissingItem::of(row, lang);
            let mut any = false;
            for lead in row.leads_of(side) {
                any = true;
                by_lead
                    .entry(lead.user_id)
                    .or_insert_with(|| MissingGroup {
                        lead: Some(LeadOfficer {
                            user_id: lead.user_id,
                            display_name: lead.display_name.clone(),
                            email: lead.email.clone(),
                            organisation: lead.organisation.clone(),
                        }),
                        items: Vec::new(),
                    })
                    .items
                    .push(item.clone());
            }
            if !any {
                unassigned.push(item);
            }
        }
        let mut groups: Vec<MissingGroup> = by_lead.into_values().collect();
        let name = |g: &MissingGroup| {
            g.lead
                .as_ref()
                .map(|l| (l.display_name.clone(), l.email.clone()))
        };
        groups.sort_by(|a, b| {
            b.items
                .len()
                .cmp(&a.items.len())
                .then_with(|| name(a).cmp(&name(b)))
        });
        if !unassigned.is_empty() {
            groups.push(MissingGroup {
                lead: None,
                items: unassigned,
            });
        }
        SideSubmission {
            side,
            missing,
            groups,
            signoff: board.signoff(side).cloned(),
        }
    }
}

/// "3 commitments still have no EU assessment".
pub fn missing_text(lang: Lang, side: Side, count: usize) -> String {
    lang.t_args(
        match side {
            Side::Eu => "submissions-missing-eu",
            Side::Ca => "submissions-missing-ca",
        },
        &[("count", FluentValue::from(count))],
    )
}

/// "Complete – signed off by Ana Officer on 30 November 2026, 09:12 UTC".
pub fn signed_text(lang: Lang, signoff: &SignOff) -> String {
    lang.t_args(
        "submissions-signed",
        &[
            ("name", FluentValue::from(signoff.display_name.clone())),
            ("when", FluentValue::from(format_moment(signoff.at, lang))),
        ],
    )
}

/// The cycle page's part on submissions.
#[derive(Debug, Clone, Default)]
pub struct Submissions {
    pub year: i32,
    pub lang: Lang,
    /// The cycle is open: sides may sign off.
    pub open: bool,
    pub sides: Vec<SideSubmission>,
    /// The side the reader may sign off (an officer of that side).
    pub signer: Option<Side>,
}

impl Submissions {
    pub fn of(board: &Board, lang: Lang, reader: &User) -> Submissions {
        Submissions {
            year: board.cycle.year,
            lang,
            open: board.cycle.state == crate::domain::cycle::CycleState::Open,
            sides: Side::ALL
                .into_iter()
                .map(|side| SideSubmission::of(board, side, lang))
                .collect(),
            signer: reader.side().filter(|s| may_write(reader, *s)),
        }
    }

    /// Does the list show text in the other language than the reader's (the page then says so)?
    pub fn foreign(&self) -> bool {
        self.sides
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| &g.items)
            .any(|i| i.title.foreign() || i.area.foreign())
    }

    /// Is the group's list long enough to be folded?
    pub fn folded(&self, group: &MissingGroup) -> bool {
        group.items.len() > FOLD_AFTER
    }

    /// May the reader sign this side's submission off now?
    pub fn may_sign(&self, side: &SideSubmission) -> bool {
        self.open && self.signer == Some(side.side) && side.signoff.is_none()
    }

    pub fn missing_text(&self, side: &SideSubmission) -> String {
        missing_text(self.lang, side.side, side.missing)
    }

    /// "Sign the EU submission off as complete".
    pub fn button_text(&self, side: &SideSubmission) -> String {
        self.lang.t(match side.side {
            Side::Eu => "submissions-signoff-eu",
            Side::Ca => "submissions-signoff-ca",
        })
    }

    pub fn signed_text(&self, signoff: &SignOff) -> String {
        signed_text(self.lang, signoff)
    }

    /// "3 commitments".
    pub fn count_text(&self, count: usize) -> String {
        self.lang
            .t_args("submissions-count", &[("count", FluentValue::from(count))])
    }

    pub fn lang_attr(&self, text: &LangText) -> &'static str {
        lang_attr(text.lang, self.lang)
    }
}

/// The missing list as CSV (UTF-8 with a byte-order mark, headings in `lang`, formula-like cells
/// neutralised, as the report's CSV): one row per commitment and lead officer, for one side or
/// both.
pub fn missing_csv(board: &Board, side: Option<Side>, lang: Lang) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record(
        [
            "submissions-csv-side",
            "submissions-csv-lead",
            "submissions-csv-email",
            "submissions-csv-reference",
            "submissions-csv-title",
            "submissions-csv-area",
        ]
        .map(|key| lang.t(key)),
    )?;
    let sides = match side {
        Some(s) => vec![s],
        None => Side::ALL.to_vec(),
    };
    for side in sides {
        let label = lang.t(side.label_key());
        for group in SideSubmission::of(board, side, lang).groups {
            let (lead, email) = match &group.lead {
                Some(l) => (lead_label(l), l.email.clone()),
                None => (lang.t("submissions-no-lead"), String::new()),
            };
            for item in &group.items {
                let record = [
                    label.as_str(),
                    &lead,
                    &email,
                    &item.reference,
                    &item.title.text,
                    &item.area.text,
                ];
                out.write_record(record.map(neutralise))?;
            }
        }
    }
    Ok(out.into_inner().map_err(|e| e.into_error())?)
}

/// "Ana Officer (EEAS)", or the name alone without an organisation.
fn lead_label(lead: &LeadOfficer) -> String {
    match lead
        .organisation
        .as_deref()
        .filter(|o| !o.trim().is_empty())
    {
        Some(org) => format!("{} ({org})", lead.display_name),
        None => lead.display_name.clone(),
    }
}

/// `missing-2026.csv`, `missing-2026-eu.csv`.
pub fn missing_csv_name(year: i32, side: Option<Side>) -> String {
    match side {
        Some(s) => format!("missing-{year}-{}.csv", s.as_str()),
        None => format!("missing-{year}.csv"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_of_missing_commitments_read_well_in_both_languages() {
        assert_eq!(
            missing_text(Lang::En, Side::Eu, 1),
            "1 commitment still has no EU assessment."
        );
        assert_eq!(
            missing_text(Lang::En, Side::Ca, 3),
            "3 commitments still have no Canadian assessment."
        );
        assert_eq!(
            missing_text(Lang::Fr, Side::Eu, 1),
            "1 engagement n’a pas encore d’évaluation de l’UE."
        );
        assert_eq!(
            missing_text(Lang::Fr, Side::Ca, 2),
            "2 engagements n’ont pas encore d’évaluation du Canada."
        );
    }

    #[test]
    fn lead_officers_are_named_with_their_organisation_and_files_by_side() {
        let lead = |org: Option<&str>| LeadOfficer {
            user_id: 1,
            display_name: "Ana Lopes".into(),
            email: "ana@eeas.example".into(),
            organisation: org.map(str::to_owned),
        };
        assert_eq!(lead_label(&lead(Some("EEAS"))), "Ana Lopes (EEAS)");
        assert_eq!(lead_label(&lead(None)), "Ana Lopes");
        assert_eq!(lead_label(&lead(Some(" "))), "Ana Lopes");
        assert_eq!(missing_csv_name(2026, None), "missing-2026.csv");
        assert_eq!(
            missing_csv_name(2026, Some(Side::Ca)),
            "missing-2026-ca.csv"
        );
    }
}
