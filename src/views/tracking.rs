//! The tracking pages: an area's commitments (`/app/areas/{slug}`), one commitment with both
//! sides' assessments, its history and the assessment form (`/app/commitments/{ref}`), and search.
//!
//! Each page that htmx updates in place has a full-page template and a fragment template that
//! include the same partial, so both always show the same thing.

mod area;
mod assessment_form;
mod commitment;
mod list;
mod search;

pub use area::*;
pub use assessment_form::*;
pub use commitment::*;
pub use list::*;
pub use search::*;

use chrono::{DateTime, Utc};

use crate::{domain::status::Status, i18n::Lang, tracking::SideView};

/// Characters of a commitment's text shown in an area's table.
pub const EXCERPT_CHARS: usize = 160;

pub use super::commitment_href;

pub(crate) fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A moment shown to people: the long date and the time in UTC.
pub fn when(lang: Lang, at: DateTime<Utc>) -> String {
    crate::i18n::format_moment(at, lang)
}

/// Escapes text for HTML (element content and quoted attributes).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The start of a text, cut at a word, without the source's `*` emphasis markers.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let plain = text.replace('*', "");
    if plain.chars().count() <= max_chars {
        return plain;
    }
    let cut: String = plain.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// A status badge: a status with its symbol and name, or "no assessment yet"; a status carried
/// forward from the previous cycle is drawn dotted and says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Badge {
    pub status: Option<Status>,
    pub carried: bool,
}

impl Badge {
    pub fn of(view: &SideView) -> Badge {
        match (view.status(), view.carried) {
            (Some(s), _) => Badge {
                status: Some(s),
                carried: false,
            },
            (None, Some(s)) => Badge {
                status: Some(s),
                carried: true,
            },
            (None, None) => Badge {
                status: None,
                carried: false,
            },
        }
    }

    pub fn status(status: Status) -> Badge {
        Badge {
            status: Some(status),
            carried: false,
        }
    }

    pub fn css(&self) -> String {
        let modifier = self.status.map_or("none", Status::css);
        let carried = if self.carried {
            " app-status--carried"
        } else {
            ""
        };
        format!("app-status app-status--{modifier}{carried}")
    }

    pub fn symbol(&self) -> &'static str {
        self.status.map_or("–", Status::symbol)
    }

    pub fn label_key(&self) -> &'static str {
        self.status.map_or("status-none", Status::label_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::search::{GT, LT, MARK_END, MARK_START};
    use crate::domain::{account::Side, assessment::Evidence};

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn snippets_are_escaped_before_marking() {
        let s = format!("a {LT}script{GT}x{LT}/script{GT} & {MARK_START}word{MARK_END} \u{E000}");
        let html = snippet_html(&s[..s.len() - 3]);
        assert_eq!(
            html,
            "a &lt;script&gt;x&lt;/script&gt; &amp; <mark>word</mark> "
        );
        assert_eq!(snippet_html(&format!("{MARK_START}x")), "x");
    }

    #[test]
    fn the_form_reads_numbered_and_repeated_evidence() {
        let form = AssessmentForm::from_pairs(pairs(&[
            ("status", "on_track"),
            ("narrative", "n"),
            ("version", "2"),
            ("cycle", "2026"),
            ("evidence_url_2", "https://b.example"),
            ("evidence_url_1", "https://a.example"),
            ("evidence_label_1", "A"),
            ("evidence_url", "https://c.example"),
            ("evidence_label", "C"),
        ]))
        .unwrap();
        assert_eq!(form.version, 2);
        assert_eq!(form.cycle, Some(2026));
        let urls: Vec<_> = form.evidence.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://a.example",
                "https://b.example",
                "https://c.example"
            ]
        );
        assert_eq!(form.evidence[0].label, "A");
        // The three filled rows and one empty one; "Add another link" adds one more.
        assert_eq!(form.rows().len(), 4);
        assert_eq!(form.clone().with_another_row().rows().len(), 4);
        let blank_too = AssessmentForm::from_pairs(pairs(&[
            ("version", "0"),
            ("evidence_url_1", "https://a.example"),
            ("evidence_url_2", ""),
        ]))
        .unwrap();
        assert_eq!(blank_too.rows().len(), 2);
        assert_eq!(blank_too.with_another_row().rows().len(), 3);
        assert!(AssessmentForm::from_pairs(pairs(&[("status", "x")])).is_err());
        assert!(AssessmentForm::from_pairs(pairs(&[("version", "-1")])).is_err());
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("short *text*", 160), "short text");
        let long = "word ".repeat(50);
        let e = excerpt(&long, 20);
        assert!(e.ends_with('…') && e.chars().count() <= 21, "{e}");
    }

    #[test]
    fn the_timeline_says_what_changed() {
        let rev = |side, version, status, narrative: &str, urls: &[&str]| RevisionView {
            side,
            version,
            status,
            narrative: narrative.into(),
            evidence: urls
                .iter()
                .map(|u| Evidence {
                    url: (*u).into(),
                    label: String::new(),
                })
                .collect(),
            author: "a".into(),
            author_id: None,
            at: String::new(),
        };
        let entries = timeline(vec![
            rev(Side::Eu, 2, Status::Challenges, "late", &["https://b"]),
            rev(Side::Ca, 1, Status::OnTrack, "", &[]),
            rev(Side::Eu, 1, Status::OnTrack, "", &["https://a"]),
        ]);
        assert_eq!(entries[0].status_from, Some(Status::OnTrack));
        assert!(entries[0].narrative_changed);
        assert_eq!(entries[0].added[0].url, "https://b");
        assert_eq!(entries[0].removed[0].url, "https://a");
        assert!(entries[1].first && entries[2].first);
    }
}
