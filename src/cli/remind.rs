//! `sdp-tracker remind --cycle Y [--side eu|ca] [--dry-run]`: the secretariat's chase from the
//! command line. Queues what the cycle page's chase queues and prints one line per mail; a dry
//! run prints the same and writes nothing.

use clap::Args;

use crate::{clock::Clock, cycles, db, db::audit::Actor, domain::account::Side, mail::queue};

#[derive(Debug, Args)]
pub struct RemindArgs {
    /// The cycle's year (it must be open).
    #[arg(long)]
    cycle: String,
    /// Only this side's officers: eu or ca (default: both).
    #[arg(long)]
    side: Option<String>,
    /// Print what would be queued; write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// A checked `remind` request.
#[derive(Debug)]
pub struct Remind {
    year: i32,
    side: Option<Side>,
    dry_run: bool,
}

impl RemindArgs {
    pub fn check(self) -> anyhow::Result<Remind> {
        let year = self
            .cycle
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{:?} is not a year", self.cycle))?;
        let side = self
            .side
            .map(|s| {
                s.parse::<Side>()
                    .map_err(|_| anyhow::anyhow!("{s:?} is not a side (expected eu or ca)"))
            })
            .transpose()?;
        Ok(Remind {
            year,
            side,
            dry_run: self.dry_run,
        })
    }
}

pub async fn run(pool: sqlx::PgPool, remind: Remind) -> anyhow::Result<()> {
    let partnership_id = cycles::default_partnership_id(&pool).await?;
    let cycle = db::cycles::find_by_year(&pool, partnership_id, remind.year)
        .await?
        .ok_or_else(|| anyhow::anyhow!("there is no {} cycle", remind.year))?;
    if cycle.state != crate::domain::cycle::CycleState::Open {
        anyhow::bail!(
            "the {} cycle is {}, not open: nobody is chased",
            remind.year,
            cycle.state.as_str()
        );
    }
    let request = queue::ChaseRequest {
        side: remind.side,
        only: &[],
        today: Clock::system().today(),
        dry_run: remind.dry_run,
    };
    let planned = queue::chase(&pool, cycle, request, &Actor::cli(), None).await?;
    let verb = if remind.dry_run {
        "would queue"
    } else {
        "queued"
    };
    for p in &planned {
        println!(
            "{verb} {} to {} ({}): {} missing: {}",
            p.row.kind,
            p.address,
            p.side.map_or("-", Side::as_str),
            p.refs.len(),
            p.refs.join(", ")
        );
    }
    println!("{verb} {} mail(s)", planned.len());
    Ok(())
}
