//! Test data written straight to the database: cycles moved through their states, assessments
//! and joint reviews. The service paths that normally write them have their own tests; these let
//! every other test start from a known state in a few lines.

use chrono::{Duration, NaiveDate, Utc};
use sdp_tracker::{
    db::{cycles, partnership},
    domain::cycle::CycleState,
};
use sqlx::PgPool;

/// When a cycle's submissions open and close, and when and where its Dialogue meets.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub opens: NaiveDate,
    pub deadline: NaiveDate,
    pub meeting: NaiveDate,
    pub place: &'static str,
}

impl Schedule {
    /// Opens 15 January, closes 1 May, meets 1 June in Ottawa.
    pub fn of(year: i32) -> Schedule {
        let d = |m, day| NaiveDate::from_ymd_opt(year, m, day).unwrap();
        Schedule {
            opens: d(1, 15),
            deadline: d(5, 1),
            meeting: d(6, 1),
            place: "Ottawa",
        }
    }

    /// Opened five days ago, closes in `deadline_in_days`, meets forty days from today.
    pub fn around_today(deadline_in_days: i64) -> Schedule {
        let today = Utc::now().date_naive();
        Schedule {
            opens: today - Duration::days(5),
            deadline: today + Duration::days(deadline_in_days),
            meeting: today + Duration::days(40),
            place: "Brussels",
        }
    }

    pub fn at(self, place: &'static str) -> Schedule {
        Schedule { place, ..self }
    }
}

/// The `year` cycle of the default partnership on [`Schedule::of`], moved forward to `state`.
pub async fn cycle(pool: &PgPool, year: i32, state: CycleState) -> i64 {
    cycle_on(pool, year, Schedule::of(year), state).await
}

/// The `year` cycle of the default partnership on `schedule`, moved forward to `state` one
/// state at a time, as the cycle page would.
pub async fn cycle_on(pool: &PgPool, year: i32, schedule: Schedule, state: CycleState) -> i64 {
    let p = partnership::find_default(pool).await.unwrap().unwrap();
    let id = cycles::insert(
        pool,
        &cycles::NewCycle {
            partnership_id: p.id,
            year,
            title: &format!("{year} EU–Canada Security and Defence Dialogue"),
            title_fr: &format!("Dialogue UE–Canada sur la sécurité et la défense {year}"),
            meeting_date: schedule.meeting,
            place: schedule.place,
            place_fr: Some(schedule.place),
            opens_on: schedule.opens,
            deadline: schedule.deadline,
        },
    )
    .await
    .unwrap();
    move_to(pool, id, CycleState::Planned, state).await;
    id
}

/// Moves cycle `id` forward from `at` to `to`, one state at a time.
pub async fn move_to(pool: &PgPool, id: i64, mut at: CycleState, to: CycleState) {
    while at != to {
        let next = at.next().unwrap();
        assert!(cycles::set_state(pool, id, at, next).await.unwrap());
        at = next;
    }
}

/// The next version of `side`'s assessment of `reference` in `cycle`.
pub async fn assess(
    pool: &PgPool,
    cycle: i64,
    reference: &str,
    side: &str,
    status: &str,
    narrative: &str,
) {
    sqlx::query(
        "insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author)
         select $1, id, $2, coalesce((select max(version) from assessment a
                                       where a.cycle_id = $1 and a.commitment_id = c.id and a.side = $2), 0) + 1,
                $3, $4, 'test'
         from commitment c where ref = $5",
    )
    .bind(cycle)
    .bind(side)
    .bind(status)
    .bind(narrative)
    .bind(reference)
    .execute(pool)
    .await
    .unwrap();
}

/// The next version of the joint review of `reference` in `cycle`, with summaries and next steps.
pub async fn joint(pool: &PgPool, cycle: i64, reference: &str, status: &str) {
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps, author)
         select $1, id, coalesce((select max(version) from joint_review j
                                   where j.cycle_id = $1 and j.commitment_id = c.id), 0) + 1,
                $2, 'Summary in English', 'Résumé en français', 'Meet again.', 'secretariat'
         from commitment c where ref = $3",
    )
    .bind(cycle)
    .bind(status)
    .bind(reference)
    .execute(pool)
    .await
    .unwrap();
}
