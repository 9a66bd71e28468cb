//! `/app/cycles/{year}/compare`: a scripted two-cycle history gives the expected trends and counts,
//! and the chart is accessible with the same figures in a table.

use crate::common::{
    TestApp,
    fixtures::{assess, cycle, joint, move_to},
    spawn_app,
};
use reqwest::StatusCode;
use sdp_tracker::domain::{account::Role, cycle::CycleState};

/// The `data-trend` of the row of `reference` in the commitments table.
fn row_trend<'a>(html: &'a str, reference: &str) -> &'a str {
    let marker = format!("data-ref=\"{reference}\" data-trend=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no row for {reference}"))
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    &html[start..end]
}

/// The `data-count` of a trend in the counts table.
fn count(html: &str, trend: &str) -> usize {
    let marker = format!("data-trend=\"{trend}\" data-count=\"");
    let start = html.find(&marker).unwrap() + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].parse().unwrap()
}

/// 2025 then 2026, with joint reviews, agreeing sides and a disagreement.
async fn history(app: &TestApp) {
    let pool = &app.db.pool;
    let y2025 = cycle(pool, 2025, CycleState::Open).await;
    joint(pool, y2025, "10", "on_track").await;
    joint(pool, y2025, "11", "completed").await;
    joint(pool, y2025, "12", "ongoing").await;
    // No joint review: both sides agree, so their status counts.
    assess(pool, y2025, "14", "eu", "not_started", "Because.").await;
    assess(pool, y2025, "14", "ca", "not_started", "Because.").await;
    joint(pool, y2025, "15", "on_track").await;
    move_to(pool, y2025, CycleState::Open, CycleState::Frozen).await;

    let y2026 = cycle(pool, 2026, CycleState::Open).await;
    joint(pool, y2026, "10", "completed").await; // improved
    joint(pool, y2026, "11", "challenges").await; // regressed
    joint(pool, y2026, "12", "on_track").await; // unchanged (on_track = ongoing)
    joint(pool, y2026, "13", "on_track").await; // new
    assess(pool, y2026, "14", "eu", "on_track", "Because.").await; // improved, by the agreeing sides
    assess(pool, y2026, "14", "ca", "on_track", "Because.").await;
    assess(pool, y2026, "15", "eu", "on_track", "Because.").await; // the sides disagree: unknown
    assess(pool, y2026, "15", "ca", "challenges", "Because.").await;
}

#[tokio::test]
async fn a_two_cycle_history_gives_the_expected_trends_and_counts() {
    // Arrange
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    // Act
    let response = client
        .get(app.url("/app/cycles/2026/compare"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();

    // Assert: each commitment's trend
    for (reference, trend) in [
        ("10", "improved"),
        ("11", "regressed"),
        ("12", "unchanged"),
        ("13", "new"),
        ("14", "improved"),
        ("15", "unknown"),
        ("16", "unknown"),
        ("25(c)", "unknown"),
    ] {
        assert_eq!(row_trend(&html, reference), trend, "{reference}");
    }
    // the counts
    let total: i64 = sqlx::query_scalar("select count(*) from commitment")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(count(&html, "improved"), 2);
    assert_eq!(count(&html, "unchanged"), 1);
    assert_eq!(count(&html, "regressed"), 1);
    assert_eq!(count(&html, "new"), 1);
    assert_eq!(count(&html, "unknown"), total as usize - 5);

    // the chart is a figure with a title and a description; each bar an image with its counts in
    // words, which are also written under the bar (never colour alone)
    let chart_start = html.find("id=\"compare-chart\"").expect("a chart");
    let svg = &html[chart_start..html[chart_start..].find("</figure>").unwrap() + chart_start];
    assert!(svg.contains("aria-labelledby=\"chart-heading\" aria-describedby=\"chart-desc\""));
    assert!(svg.contains("<figcaption class=\"govuk-body-s\" id=\"chart-desc\">"));
    assert!(!svg.contains("style="), "no style attribute (CSP)");
    let bars = svg.matches("role=\"img\" aria-label=\"").count();
    assert_eq!(bars, svg.matches("app-bar-chart__counts").count());
    assert!(svg.contains("↑ Improved 1"), "{svg}");
    // the areas table has the same numbers as the counts, and the chart a bar per area
    let areas_start = html.find("id=\"compare-areas\"").unwrap();
    let areas = &html[areas_start..html[areas_start..].find("</table>").unwrap() + areas_start];
    for trend in ["improved", "unchanged", "regressed", "new", "unknown"] {
        let marker = format!("data-trend=\"{trend}\">");
        let sum: usize = areas
            .match_indices(&marker)
            .map(|(i, _)| {
                let rest = &areas[i + marker.len()..];
                rest[..rest.find('<').unwrap()].parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(sum, count(&html, trend), "{trend}");
    }
    let area_rows = areas.matches("data-area=").count();
    assert_eq!(svg.matches("app-compare-bar\"").count(), area_rows);
}

#[tokio::test]
async fn compare_with_chooses_the_other_cycle_and_refuses_unknown_ones() {
    let app = spawn_app().await;
    history(&app).await;
    let (_, client) = app
        .client_as(Role::Officer, Some(sdp_tracker::domain::account::Side::Eu))
        .await;

    // 2025 compared with 2026: 10 was on track then completed, seen backwards it regressed.
    let html = client
        .get(app.url("/app/cycles/2025/compare?with=2026"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(row_trend(&html, "10"), "regressed");
    assert_eq!(row_trend(&html, "11"), "improved");

    // The first cycle has none before it: the page is there, offers the later cycle without
    // choosing it, and compares nothing.
    let response = client
        .get(app.url("/app/cycles/2025/compare"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Comparison with another cycle</h1>"),
        "no comparison heading:\n{html}"
    );
    let select = &html[html.find("<select").expect("a choice of cycle")..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.contains("<option value=\"2026\">2026</option>"),
        "2026 offered, not chosen: {select}"
    );
    assert!(!html.contains("id=\"compare-counts\""));
    assert!(!html.contains("<svg"));

    for path in [
        "/app/cycles/2026/compare?with=1999",
        "/app/cycles/2026/compare?with=nope",
        "/app/cycles/2026/compare?with=2026",
        "/app/cycles/1999/compare",
    ] {
        let status = client.get(app.url(path)).send().await.unwrap().status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
}
