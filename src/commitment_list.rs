//! The list of every commitment (`/app/commitments`, `/app/commitments.csv`): which rows of the
//! board pass the filters in the URL, in which order. No I/O: the route hands over the board and
//! the areas, the page and the CSV render what this returns.

use std::cmp::Ordering;

use crate::{
    db::partnership::Area,
    domain::{account::Side, status::Status},
    tracking::BoardRow,
};

/// The list's query string as sent (`?area=&status=&missing=1&mine=1&divergent=1&sort=&order=`).
/// Every field is read as text so that a bad value gets a sentence, not a framework rejection.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RawQuery {
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub missing: Option<String>,
    #[serde(default)]
    pub mine: Option<String>,
    #[serde(default)]
    pub divergent: Option<String>,
    #[serde(default)]
    pub sort: Option<String>,
    #[serde(default)]
    pub order: Option<String>,
}

/// What the `status` filter asks for: either side's current status in this cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    Is(Status),
    /// A side has saved nothing in this cycle.
    Unassessed,
}

impl StatusFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Is(s) => s.as_str(),
            StatusFilter::Unassessed => "none",
        }
    }
}

/// The column the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// The order of the text.
    #[default]
    Reference,
    Area,
    Eu,
    Ca,
    Joint,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Reference,
        SortKey::Area,
        SortKey::Eu,
        SortKey::Ca,
        SortKey::Joint,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Reference => "ref",
            SortKey::Area => "area",
            SortKey::Eu => "eu",
            SortKey::Ca => "ca",
            SortKey::Joint => "joint",
        }
    }

    fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The filters and order of the list, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// An area's slug (its nested areas included).
    pub area: Option<String>,
    pub status: Option<StatusFilter>,
    /// Only commitments the reader's side has not assessed in this cycle.
    pub missing: bool,
    /// Only commitments the reader leads.
    pub mine: bool,
    /// Only commitments where the two sides' statuses differ.
    pub divergent: bool,
    pub sort: SortKey,
    pub descending: bool,
}

/// Why a query was refused; each is a catalogue key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("no such area")]
    Area,
    #[error("no such status")]
    Status,
    #[error("no such column to sort by")]
    Sort,
    #[error("the order is asc or desc")]
    Order,
    #[error("a checkbox is 1 or absent")]
    Flag,
}

impl QueryError {
    pub fn message_key(self) -> &'static str {
        match self {
            QueryError::Area => "list-error-area",
            QueryError::Status => "list-error-status",
            QueryError::Sort => "list-error-sort",
            QueryError::Order => "list-error-order",
            QueryError::Flag => "list-error-flag",
        }
    }
}

fn flag(value: Option<&str>) -> Result<bool, QueryError> {
    match value.map(str::trim) {
        None | Some("") | Some("0") => Ok(false),
        Some("1") | Some("on") | Some("true") => Ok(true),
        Some(_) => Err(QueryError::Flag),
    }
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ListQuery {
    /// Checks a query against the partnership's areas.
    pub fn parse(raw: &RawQuery, areas: &[Area]) -> Result<ListQuery, QueryError> {
        let area = match given(&raw.area) {
            None | Some("all") => None,
            Some(slug) if areas.iter().any(|a| a.slug == slug) => Some(slug.to_owned()),
            Some(_) => return Err(QueryError::Area),
        };
        let status = match given(&raw.status) {
            None => None,
            Some("none") => Some(StatusFilter::Unassessed),
            Some(s) => Some(StatusFilter::Is(s.parse().map_err(|_| QueryError::Status)?)),
        };
        let sort = match given(&raw.sort) {
            None => SortKey::default(),
            Some(s) => SortKey::parse(s).ok_or(QueryError::Sort)?,
        };
        let descending = match given(&raw.order) {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(_) => return Err(QueryError::Order),
        };
        Ok(ListQuery {
            area,
            status,
            missing: flag(raw.missing.as_deref())?,
            mine: flag(raw.mine.as_deref())?,
            divergent: flag(raw.divergent.as_deref())?,
            sort,
            descending,
        })
    }

    /// The query string that gives this list back (defaults left out), for links and the CSV.
    pub fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(area) = &self.area {
            pairs.push(("area", area));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str()));
        }
        for (on, name) in [
            (self.missing, "missing"),
            (self.mine, "mine"),
            (self.divergent, "divergent"),
        ] {
            if on {
                pairs.push((name, "1"));
            }
        }
        if self.sort != SortKey::default() {
            pairs.push(("sort", self.sort.as_str()));
        }
        if self.descending {
            pairs.push(("order", "desc"));
        }
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }

    /// The same list sorted by `key`: the other direction when it is already sorted by it.
    pub fn sorted_by(&self, key: SortKey) -> ListQuery {
        ListQuery {
            sort: key,
            descending: self.sort == key && !self.descending,
            ..self.clone()
        }
    }

    /// Does any filter apply?
    pub fn filtered(&self) -> bool {
        self.area.is_some() || self.status.is_some() || self.missing || self.mine || self.divergent
    }

    /// The rows that pass the filters, for the reader `user_id` of side `side`, in order.
    pub fn apply<'a>(
        &self,
        rows: &'a [BoardRow],
        areas: &[Area],
        user_id: i64,
        side: Option<Side>,
    ) -> Vec<&'a BoardRow> {
        let in_area: Option<Vec<&str>> = self.area.as_deref().map(|slug| {
            let parent = areas.iter().find(|a| a.slug == slug).map(|a| a.id);
            areas
                .iter()
                .filter(|a| a.slug == slug || (parent.is_some() && a.parent_id == parent))
                .map(|a| a.slug.as_str())
                .collect()
        });
        let mut out: Vec<&BoardRow> = rows
            .iter()
            .filter(|r| {
                in_area
                    .as_ref()
                    .is_none_or(|slugs| slugs.contains(&r.info.area_slug.as_str()))
            })
            .filter(|r| match self.status {
                None => true,
                Some(StatusFilter::Is(s)) => r.eu.status() == Some(s) || r.ca.status() == Some(s),
                Some(StatusFilter::Unassessed) => r.eu.current.is_none() || r.ca.current.is_none(),
            })
            .filter(|r| !self.missing || side.is_some_and(|s| r.side(s).current.is_none()))
            .filter(|r| !self.mine || r.is_lead(user_id))
            .filter(|r| !self.divergent || r.divergent())
            .collect();
        // Stable: rows that compare equal stay in the order of the text.
        out.sort_by(|a, b| {
            let o = compare(self.sort, a, b, areas);
            if self.descending { o.reverse() } else { o }
        });
        out
    }
}

/// Statuses sort in the order of the scale; no status comes last.
fn status_rank(s: Option<Status>) -> usize {
    s.and_then(|s| Status::ALL.iter().position(|x| *x == s))
        .unwrap_or(Status::ALL.len())
}

fn compare(key: SortKey, a: &BoardRow, b: &BoardRow, areas: &[Area]) -> Ordering {
    let area_pos = |r: &BoardRow| {
        areas
            .iter()
            .find(|x| x.slug == r.info.area_slug)
            .map_or(i32::MAX, |x| x.position)
    };
    let by = match key {
        SortKey::Reference => Ordering::Equal,
        SortKey::Area => area_pos(a).cmp(&area_pos(b)),
        SortKey::Eu => status_rank(a.eu.status()).cmp(&status_rank(b.eu.status())),
        SortKey::Ca => status_rank(a.ca.status()).cmp(&status_rank(b.ca.status())),
        SortKey::Joint => status_rank(a.joint.as_ref().map(|j| j.status))
            .cmp(&status_rank(b.joint.as_ref().map(|j| j.status))),
    };
    by.then(a.info.position.cmp(&b.info.position))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawQuery {
        let q = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        serde_urlencoded::from_str(&q).unwrap()
    }

    #[test]
    fn queries_parse_and_print_back() {
        let q = ListQuery::parse(
            &raw(&[
                ("status", "on_track"),
                ("mine", "1"),
                ("sort", "eu"),
                ("order", "desc"),
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(q.status, Some(StatusFilter::Is(Status::OnTrack)));
        assert!(q.mine && !q.missing && q.descending);
        assert_eq!(
            q.query_string(),
            "status=on_track&mine=1&sort=eu&order=desc"
        );
        assert_eq!(ListQuery::default().query_string(), "");
        // Sorting again by the same column turns the order round.
        assert!(!q.sorted_by(SortKey::Eu).descending);
        assert!(!q.sorted_by(SortKey::Ca).descending);
        assert!(
            ListQuery::default()
                .sorted_by(SortKey::Reference)
                .descending
        );
    }

    #[test]
    fn bad_values_are_refused_by_name() {
        let bad = |pairs: &[(&str, &str)]| ListQuery::parse(&raw(pairs), &[]).unwrap_err();
        assert_eq!(bad(&[("status", "great")]), QueryError::Status);
        assert_eq!(bad(&[("area", "mars")]), QueryError::Area);
        assert_eq!(bad(&[("sort", "colour")]), QueryError::Sort);
        assert_eq!(bad(&[("order", "up")]), QueryError::Order);
        assert_eq!(bad(&[("mine", "yes please")]), QueryError::Flag);
        assert!(ListQuery::parse(&raw(&[("area", "all"), ("status", "")]), &[]).is_ok());
    }
}
