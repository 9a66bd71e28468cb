//! Reconciliation pages: `/app/cycles/{year}/reconcile` (one working table of every commitment,
//! filtered in the URL, each row with its joint review form saved in place), the confirmations of
//! the bulk actions, `/app/cycles/{year}/reconcile/{ref}` (one commitment with both narratives) and
//! `/app/cycles/{year}/errata` (the errata of a frozen cycle and the form to record one).

use fluent_templates::fluent_bundle::FluentValue;

use crate::{domain::cycle::CycleState, i18n::Lang};

mod bulk;
mod errata;
mod filter;
mod form;
mod item;
mod table;

pub use bulk::*;
pub use errata::*;
pub use filter::*;
pub use form::*;
pub use item::*;
pub use table::*;

/// Kept here too for callers of the former view helper.
pub use crate::reconcile::agreed;

/// (field id, message) pairs for the error summary.
pub type FieldErrors = Vec<(String, String)>;

/// The part of an HTML id that stands for a reference: `25(c)` → `25c`.
pub fn ref_key(reference: &str) -> String {
    reference
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The reconciliation page of one commitment (also where its form posts).
pub fn item_href(year: i32, reference: &str) -> String {
    format!("/app/cycles/{year}/reconcile/{}", encode(reference))
}

/// Success and refusal messages of the reconciliation pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Saved(String),
    Accepted(usize),
    /// This many commitments were given "Not yet assessed".
    Recorded(usize),
    /// The cycle is not in reconciliation (a 409).
    WrongState(CycleState),
}

impl Notice {
    pub fn success(&self) -> bool {
        !matches!(self, Notice::WrongState(_))
    }

    pub fn text(&self, lang: &Lang) -> String {
        let lang = *lang;
        match self {
            Notice::Saved(reference) => lang.t_args(
                "reconcile-saved",
                &[("ref", FluentValue::from(reference.clone()))],
            ),
            Notice::Accepted(count) => lang.t_args(
                "reconcile-accepted",
                &[("count", FluentValue::from(*count))],
            ),
            Notice::Recorded(count) => lang.t_args(
                "reconcile-recorded",
                &[("count", FluentValue::from(*count))],
            ),
            Notice::WrongState(state) => lang.t_args(
                "reconcile-error-state",
                &[("state", FluentValue::from(lang.t(state.label_key())))],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_make_ids_and_paths() {
        assert_eq!(ref_key("25(c)"), "25c");
        assert_eq!(ref_key("12"), "12");
        assert_eq!(
            item_href(2026, "25(c)"),
            "/app/cycles/2026/reconcile/25%28c%29"
        );
    }

    #[test]
    fn every_notice_has_a_message_in_both_languages() {
        for lang in [Lang::En, Lang::Fr] {
            for notice in [
                Notice::Saved("25(c)".into()),
                Notice::Accepted(3),
                Notice::Recorded(55),
                Notice::WrongState(CycleState::Open),
            ] {
                let text = notice.text(&lang);
                assert!(!text.starts_with("reconcile-"), "{lang:?}: {text}");
            }
        }
        assert!(Notice::Accepted(3).text(&Lang::En).contains('3'));
    }
}
