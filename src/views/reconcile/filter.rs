//! The reconciliation table's filters (`?filter=`), and the table's address with one.

use super::{Item, encode, ref_key};

/// Which commitments the table shows (`?filter=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    /// The two sides' statuses differ.
    Divergent,
    /// No joint status yet.
    Unreviewed,
    /// Either side, or the joint review, says "Underway – with challenges".
    Challenges,
    /// A side's status or the joint status is lower than the commitment's status in the previous
    /// cycle (see [`crate::domain::trend`]).
    Regressed,
}

impl Filter {
    pub const ALL: [Filter; 5] = [
        Filter::All,
        Filter::Divergent,
        Filter::Unreviewed,
        Filter::Challenges,
        Filter::Regressed,
    ];

    /// The filter of a query value; empty is every commitment, anything unknown is `None`.
    pub fn parse(value: &str) -> Option<Filter> {
        match value.trim() {
            "" | "all" => Some(Filter::All),
            other => Filter::ALL.into_iter().find(|f| f.as_str() == other),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Divergent => "divergent",
            Filter::Unreviewed => "unreviewed",
            Filter::Challenges => "challenges",
            Filter::Regressed => "regressed",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Filter::All => "reconcile-filter-all",
            Filter::Divergent => "reconcile-filter-divergent",
            Filter::Unreviewed => "reconcile-filter-unreviewed",
            Filter::Challenges => "reconcile-filter-challenges",
            Filter::Regressed => "reconcile-filter-regressed",
        }
    }

    /// The table with this filter.
    pub fn link(&self, year: &i32) -> String {
        self.href(*year, None)
    }

    pub fn matches(self, item: &Item) -> bool {
        match self {
            Filter::All => true,
            Filter::Divergent => item.divergent,
            Filter::Unreviewed => item.joint.is_none(),
            Filter::Challenges => item.challenges,
            Filter::Regressed => item.regressed,
        }
    }

    /// The table with this filter; `saved` adds the notice of a saved row and its anchor.
    pub fn href(self, year: i32, saved: Option<&str>) -> String {
        let mut query = Vec::new();
        if self != Filter::All {
            query.push(format!("filter={}", self.as_str()));
        }
        if let Some(reference) = saved {
            query.push(format!("saved={}", encode(reference)));
        }
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        let anchor = saved.map_or(String::new(), |r| format!("#row-{}", ref_key(r)));
        format!("/app/cycles/{year}/reconcile{query}{anchor}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_read_and_write_the_query() {
        for f in Filter::ALL {
            assert_eq!(Filter::parse(f.as_str()), Some(f));
        }
        assert_eq!(Filter::parse(""), Some(Filter::All));
        assert_eq!(Filter::parse("everything"), None);
        assert_eq!(
            Filter::Unreviewed.href(2026, Some("25(c)")),
            "/app/cycles/2026/reconcile?filter=unreviewed&saved=25%28c%29#row-25c"
        );
        assert_eq!(
            Filter::All.href(2026, Some("13")),
            "/app/cycles/2026/reconcile?saved=13#row-13"
        );
        assert_eq!(Filter::All.href(2026, None), "/app/cycles/2026/reconcile");
    }
}
