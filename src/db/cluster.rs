//! A private PostgreSQL cluster, run from the machine's PostgreSQL binaries when no
//! `DATABASE_URL` is configured.
//!
//! The cluster lives in a data directory this program owns (by default `var/postgres/` under the
//! working directory) and listens only on a Unix socket inside that directory
//! (`listen_addresses = ''`), so it never opens a TCP port and needs no password: it is
//! initialised with `--auth=trust` and the superuser role [`SUPERUSER`] (`postgres`, whatever the
//! OS user running the server is, so that URLs do not depend on who started it).
//!
//! [`PrivateCluster::ensure_running`] initialises the directory when it holds no cluster yet and
//! starts the server when it is not running; it reuses a server that is already running.
//! Several processes (parallel test binaries, a second instance) may call it at the same moment:
//! an exclusive `flock` on `<data dir>.lock` lets exactly one of them initialise and start, the
//! others then find the server running and reuse it.
//!
//! [`PrivateCluster::stop`] stops the server only when this process started it and no other
//! process is still using it: each [`PrivateCluster`] holds a shared `flock` on
//! `<data dir>.users.lock` for as long as it lives, and `stop` needs that file exclusively.
//! A server left running this way is simply reused on the next start.
//!
//! PostgreSQL refuses to run as root. When this process is root, `initdb` and `pg_ctl` run as the
//! `postgres` OS user, which owns the data directory. When that user cannot reach the requested
//! directory (a checkout under `/root`, mode 0700), the cluster lives in
//! `/var/tmp/sdp-tracker-<hash of the requested path>/postgres` instead, and a warning says so.

use std::ffi::{CString, OsStr, OsString};
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};
use nix::unistd::{Gid, Uid, User, chown, geteuid, getgrouplist};
use tokio::process::Command;

/// The superuser role created by `initdb`, used in [`PrivateCluster::url`].
pub const SUPERUSER: &str = "postgres";

/// The port; with `listen_addresses = ''` it only names the socket file (`.s.PGSQL.5432`).
const PORT: u16 = 5432;

/// The OS user the server runs as when this process is root.
const SERVER_OS_USER: &str = "postgres";

/// Where the versioned Debian/Ubuntu server binaries live (`<root>/<version>/bin`).
const VERSIONED_ROOT: &str = "/usr/lib/postgresql";

/// Where the cluster goes when this process is root and the `postgres` user cannot reach the
/// requested directory.
const FALLBACK_ROOT: &str = "/var/tmp";

/// How long `pg_ctl` may take to start or stop the server.
const PG_CTL_TIMEOUT_SECS: u64 = 60;

/// How long to wait for a server that is running but not answering yet (starting up, or
/// shutting down) before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(30);

/// The file `include_if_exists`d from `postgresql.conf`, rewritten before every start so that
/// the socket directory follows the data directory if it is moved.
const MANAGED_CONF: &str = "sdp_tracker.conf";

/// `sizeof(sockaddr_un.sun_path)` on Linux, including the terminating NUL.
const SUN_PATH_MAX: usize = 108;

/// Environment variables that would make the PostgreSQL programs look at another server, port
/// or data directory than the one given on their command line.
const PG_ENV: &[&str] = &[
    "PGDATA",
    "PGPORT",
    "PGHOST",
    "PGHOSTADDR",
    "PGUSER",
    "PGDATABASE",
    "PGOPTIONS",
    "PGSERVICE",
];

/// Where and how to run the private cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// The data directory, relative to the working directory unless absolute; it is created
    /// (with its parents) when missing.
    pub data_dir: PathBuf,
}

/// A running private cluster; see the module documentation.
///
/// Dropping it without calling [`PrivateCluster::stop`] leaves the server running, to be reused
/// by the next [`PrivateCluster::ensure_running`].
#[derive(Debug)]
pub struct PrivateCluster {
    /// The data directory actually used (absolute, canonical); it differs from the requested one
    /// in the root fallback case.
    data_dir: PathBuf,
    /// The directory holding the `.s.PGSQL.5432` socket: the data directory itself.
    socket_dir: PathBuf,
    superuser: String,
    started_here: bool,
    bin_dir: PathBuf,
    /// The OS user and group `initdb`/`pg_ctl` run as, when this process is root.
    run_as: Option<(Uid, Gid)>,
    /// Held exclusively while initialising, starting or stopping.
    lock_path: PathBuf,
    /// Held shared for this value's whole life, so that another process's `stop` leaves the
    /// server running while this one uses it.
    users_lock_path: PathBuf,
    users_lock: Option<Flock<File>>,
}

/// Why the private cluster could not be set up, started or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    /// Neither PATH nor `/usr/lib/postgresql/*/bin` has the server programs.
    #[error(
        "no PostgreSQL server binaries found (initdb, pg_ctl): install the `postgresql` package, or set DATABASE_URL to a running server"
    )]
    NoBinaries,
    /// The data directory holds a cluster of a major version none of the binaries found has.
    #[error(
        "the private PostgreSQL cluster in {dir} was created by PostgreSQL {wanted} but only PostgreSQL {found} binaries were found: install PostgreSQL {wanted}, or move the directory away to start a fresh cluster"
    )]
    VersionMismatch {
        dir: PathBuf,
        wanted: String,
        found: String,
    },
    /// This process is root and there is no unprivileged user to run the server as.
    #[error(
        "running as root but there is no `postgres` OS user to run PostgreSQL as (it refuses to run as root): create one (e.g. `useradd --system postgres`), run as an unprivileged user, or set DATABASE_URL"
    )]
    NoServerUser,
    /// The requested data directory has no usable final component (e.g. it ends in `..`).
    #[error(
        "the PostgreSQL data directory {0} is not a usable directory name: give a path that ends in a directory name"
    )]
    InvalidDataDir(PathBuf),
    /// The socket path would not fit in `sockaddr_un`.
    #[error(
        "the PostgreSQL socket path {path} is {len} bytes long, more than the {max} a Unix socket allows: choose a data directory with a shorter path"
    )]
    SocketPathTooLong {
        path: PathBuf,
        len: usize,
        max: usize,
    },
    /// The data directory holds a cluster owned by another OS user than the one the server runs
    /// as.
    #[error(
        "the PostgreSQL data directory {dir} belongs to uid {owner} but the server runs as uid {expected}: chown -R it to that user, or move it away to start a fresh cluster"
    )]
    WrongOwner {
        dir: PathBuf,
        owner: u32,
        expected: u32,
    },
    /// A file system operation failed.
    #[error("could not {action} {path}: {source} (check the permissions, or set DATABASE_URL)")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// Taking a `flock` failed.
    #[error("could not lock {path}: {source} (check the permissions of its directory)")]
    Lock { path: PathBuf, source: Errno },
    /// A PostgreSQL program could not be run or failed.
    #[error("`{program}` failed ({status}): {detail} (see {log})")]
    Command {
        program: String,
        status: String,
        detail: String,
        log: PathBuf,
    },
    /// The server never answered on its socket.
    #[error(
        "the private PostgreSQL server in {dir} did not accept connections within {secs} s: see {dir}/server.log, or stop it with `pg_ctl -D {dir} stop`"
    )]
    NotReady { dir: PathBuf, secs: u64 },
    /// A blocking task panicked or was cancelled.
    #[error(
        "an internal task of the private PostgreSQL cluster failed: {0} (retry, or set DATABASE_URL)"
    )]
    Task(String),
}

impl PrivateCluster {
    /// Initialises (if needed) and starts (if not running) the cluster; safe to call concurrently
    /// from several processes.
    pub async fn ensure_running(opts: &ClusterOptions) -> Result<PrivateCluster, ClusterError> {
        let run_as = if geteuid().is_root() {
            // PostgreSQL refuses to run as root, so the server runs as the `postgres` user.
            match User::from_name(SERVER_OS_USER) {
                Ok(Some(user)) => Some(user),
                _ => return Err(ClusterError::NoServerUser),
            }
        } else {
            None
        };

        let requested = canonical_requested(&opts.data_dir)?;
        let data_dir = match &run_as {
            Some(user) if !can_traverse(user, parent_of(&requested)) => {
                let fallback = fallback_dir(&requested)?;
                tracing::warn!(
                    requested = %requested.display(),
                    used = %fallback.display(),
                    "the `postgres` user cannot reach the requested PostgreSQL data directory; using another one"
                );
                fallback
            }
            _ => requested,
        };
        check_socket_path(&data_dir)?;

        let lock_path = sibling(&data_dir, ".lock");
        let users_lock_path = sibling(&data_dir, ".users.lock");
        let mut cluster = PrivateCluster {
            socket_dir: data_dir.clone(),
            data_dir,
            superuser: SUPERUSER.to_owned(),
            started_here: false,
            bin_dir: PathBuf::new(),
            run_as: run_as.as_ref().map(|u| (u.uid, u.gid)),
            lock_path,
            users_lock_path,
            users_lock: None,
        };

        // Everything that looks at or changes the cluster's state happens under the lock, so that
        // concurrent callers see either no server or a ready one.
        let guard = lock(cluster.lock_path.clone(), FlockArg::LockExclusive).await?;
        let pg_version = read_pg_version(&cluster.data_dir)?;
        cluster.bin_dir = find_bin_dir(
            &default_search_dirs(),
            pg_version.as_deref(),
            &cluster.data_dir,
        )
        .await?;
        if pg_version.is_none() {
            cluster.init().await?;
        } else {
            cluster.check_owner()?;
        }
        cluster.started_here = !cluster.reuse_if_running().await?;
        if cluster.started_here {
            cluster.start().await?;
        }
        // Taken before the exclusive lock is released, so that a concurrent `stop` sees this user.
        cluster.users_lock =
            Some(lock(cluster.users_lock_path.clone(), FlockArg::LockShared).await?);
        drop(guard);
        Ok(cluster)
    }

    /// A connection URL for sqlx for `database` on this cluster's socket.
    ///
    /// It looks like `postgres://postgres@localhost:5432/sdp?host=/abs/data/dir`: sqlx (and
    /// libpq) take a `host` query parameter starting with `/` as the directory of the Unix socket,
    /// overriding `localhost`; the port is explicit because it names the socket file and sqlx
    /// would otherwise take it from `PGPORT`.
    pub fn url(&self, database: &str) -> String {
        self.url_as(database, &self.superuser)
    }

    /// A connection URL for `database` as another role (trust authentication on the socket).
    pub fn url_as(&self, database: &str, role: &str) -> String {
        format!(
            "postgres://{}@localhost:{PORT}/{}?host={}",
            percent_encode(role, false),
            percent_encode(database, false),
            percent_encode(&self.socket_dir.to_string_lossy(), true),
        )
    }

    /// The data directory actually used (absolute); under root it may differ from the requested
    /// one, see the module documentation.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Whether this process started the server (rather than reusing a running one).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Stops the server if this process started it.
    ///
    /// It is left running when another process still uses it (it holds a [`PrivateCluster`] for
    /// the same directory); it will then be reused by the next start.
    pub async fn stop(mut self) -> Result<(), ClusterError> {
        if !self.started_here {
            return Ok(());
        }
        let guard = lock(self.lock_path.clone(), FlockArg::LockExclusive).await?;
        // Other users take their shared lock while holding the exclusive one above, so once this
        // process lets go of its own shared lock nobody can join until the server is stopped.
        drop(self.users_lock.take());
        let users = match lock_nonblocking_exclusive(&self.users_lock_path)? {
            Some(users) => users,
            None => {
                tracing::info!(
                    dir = %self.data_dir.display(),
                    "other processes still use the private PostgreSQL server; leaving it running"
                );
                return Ok(());
            }
        };
        if self.data_dir.join("postmaster.pid").exists() {
            tracing::info!(dir = %self.data_dir.display(), "stopping the private PostgreSQL server");
            let timeout = PG_CTL_TIMEOUT_SECS.to_string();
            let args: [&OsStr; 8] = [
                "-D".as_ref(),
                self.data_dir.as_os_str(),
                "-m".as_ref(),
                "fast".as_ref(),
                "-w".as_ref(),
                "-t".as_ref(),
                timeout.as_ref(),
                "stop".as_ref(),
            ];
            self.run("pg_ctl", &args).await?;
        }
        drop(users);
        drop(guard);
        Ok(())
    }

    /// Creates the data directory and runs `initdb` in it.
    async fn init(&self) -> Result<(), ClusterError> {
        let dir = &self.data_dir;
        match fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(source) => {
                return Err(io_error(
                    "create the PostgreSQL data directory",
                    dir,
                    source,
                ));
            }
        }
        if let Some((uid, gid)) = self.run_as {
            chown(dir, Some(uid), Some(gid))
                .map_err(|errno| io_error("give the postgres user", dir, io::Error::from(errno)))?;
        }
        tracing::info!(dir = %dir.display(), "initialising a private PostgreSQL cluster");
        let mut last_error = None;
        // C.UTF-8 sorts by code point like C but gives the server UTF-8 character classes; not
        // every system has it, C always exists.
        for locale in ["--locale=C.UTF-8", "--locale=C"] {
            let superuser = format!("--username={}", self.superuser);
            let args: [&OsStr; 6] = [
                "-D".as_ref(),
                dir.as_os_str(),
                superuser.as_ref(),
                "--auth=trust".as_ref(),
                "--encoding=UTF8".as_ref(),
                locale.as_ref(),
            ];
            match self.run("initdb", &args).await {
                Ok(_) => {
                    last_error = None;
                    break;
                }
                Err(err) => {
                    tracing::warn!(error = %err, locale, "initdb failed");
                    last_error = Some(err);
                }
            }
        }
        if let Some(err) = last_error {
            return Err(err);
        }
        let conf = dir.join("postgresql.conf");
        let mut file = OpenOptions::new()
            .append(true)
            .open(&conf)
            .map_err(|source| io_error("open", &conf, source))?;
        io::Write::write_all(
            &mut file,
            format!("\n# Settings of the sdp-tracker private cluster.\ninclude_if_exists = '{MANAGED_CONF}'\n")
                .as_bytes(),
        )
        .map_err(|source| io_error("write", &conf, source))?;
        Ok(())
    }

    /// Refuses a cluster owned by another OS user than the one the server runs as, which
    /// PostgreSQL would refuse with a less helpful message.
    fn check_owner(&self) -> Result<(), ClusterError> {
        let expected = self.run_as.map_or_else(geteuid, |(uid, _)| uid).as_raw();
        let owner = fs::metadata(&self.data_dir)
            .map_err(|source| io_error("inspect", &self.data_dir, source))?
            .uid();
        if owner != expected {
            return Err(ClusterError::WrongOwner {
                dir: self.data_dir.clone(),
                owner,
                expected,
            });
        }
        Ok(())
    }

    /// Returns whether a server is running and answering; waits for one that is running but
    /// not answering yet (starting, shutting down), and clears a `postmaster.pid` left behind by
    /// a server whose process id now belongs to something else.
    async fn reuse_if_running(&self) -> Result<bool, ClusterError> {
        let pid_file = self.data_dir.join("postmaster.pid");
        let deadline = Instant::now() + BUSY_WAIT;
        loop {
            let pid = match fs::read_to_string(&pid_file) {
                Ok(text) => text
                    .lines()
                    .next()
                    .and_then(|l| l.trim().parse::<i32>().ok()),
                Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
                Err(source) => return Err(io_error("read", &pid_file, source)),
            };
            let Some(pid) = pid else {
                // Unreadable: let PostgreSQL judge it, it checks more (shared memory) than we can.
                return Ok(false);
            };
            match process_state(pid) {
                ProcessState::Gone => return Ok(false),
                // Without /proc: reuse a server that answers, else let `pg_ctl start` judge the
                // file (PostgreSQL checks the pid and its shared memory itself).
                ProcessState::Unknown => return Ok(self.answers().await),
                ProcessState::NotPostgres => {
                    // The pid was reused (typically after a container restart) or is an
                    // unreaped zombie: PostgreSQL would take it for a live server and refuse to
                    // start, so the file goes.
                    tracing::warn!(
                        pid,
                        file = %pid_file.display(),
                        "removing a stale postmaster.pid whose process is not PostgreSQL"
                    );
                    match fs::remove_file(&pid_file) {
                        Ok(()) => return Ok(false),
                        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
                        Err(source) => return Err(io_error("remove", &pid_file, source)),
                    }
                }
                ProcessState::Alive => {
                    if self.answers().await {
                        tracing::info!(
                            dir = %self.data_dir.display(),
                            pid,
                            "reusing the running private PostgreSQL server"
                        );
                        return Ok(true);
                    }
                    if Instant::now() >= deadline {
                        return Err(ClusterError::NotReady {
                            dir: self.data_dir.clone(),
                            secs: BUSY_WAIT.as_secs(),
                        });
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            }
        }
    }

    /// Writes the managed settings and starts the server, waiting until it accepts connections.
    async fn start(&self) -> Result<(), ClusterError> {
        self.write_managed_conf()?;
        tracing::info!(dir = %self.data_dir.display(), "starting the private PostgreSQL server");
        let log = self.data_dir.join("server.log");
        let timeout = PG_CTL_TIMEOUT_SECS.to_string();
        let args: [&OsStr; 8] = [
            "-D".as_ref(),
            self.data_dir.as_os_str(),
            "-l".as_ref(),
            log.as_os_str(),
            "-w".as_ref(),
            "-t".as_ref(),
            timeout.as_ref(),
            "start".as_ref(),
        ];
        self.run("pg_ctl", &args).await?;
        // `pg_ctl -w` waits for postmaster.pid to say "ready"; the socket answering is what
        // callers need, so check that too.
        let deadline = Instant::now() + BUSY_WAIT;
        while !self.answers().await {
            if Instant::now() >= deadline {
                return Err(ClusterError::NotReady {
                    dir: self.data_dir.clone(),
                    secs: BUSY_WAIT.as_secs(),
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Writes [`MANAGED_CONF`] and makes sure `postgresql.conf` includes it (a cluster
    /// initialised by someone else may not).
    fn write_managed_conf(&self) -> Result<(), ClusterError> {
        let conf = self.data_dir.join("postgresql.conf");
        let text = fs::read_to_string(&conf).map_err(|source| io_error("read", &conf, source))?;
        if !text.contains(MANAGED_CONF) {
            let mut file = OpenOptions::new()
                .append(true)
                .open(&conf)
                .map_err(|source| io_error("open", &conf, source))?;
            io::Write::write_all(
                &mut file,
                format!("\ninclude_if_exists = '{MANAGED_CONF}'\n").as_bytes(),
            )
            .map_err(|source| io_error("write", &conf, source))?;
        }
        let managed = self.data_dir.join(MANAGED_CONF);
        let body = format!(
            "# Written by sdp-tracker before every start of its private cluster; edits are lost.\n\
             # Only a Unix socket in the data directory, no TCP.\n\
             listen_addresses = ''\n\
             port = {PORT}\n\
             unix_socket_directories = '{}'\n\
             max_connections = 200\n\
             shared_buffers = '128MB'\n",
            conf_quote(&self.socket_dir.to_string_lossy()),
        );
        fs::write(&managed, body).map_err(|source| io_error("write", &managed, source))?;
        if let Some((uid, gid)) = self.run_as {
            chown(&managed, Some(uid), Some(gid))
                .map_err(|errno| io_error("give the postgres user", &managed, errno.into()))?;
        }
        Ok(())
    }

    /// Whether the server accepts connections on its socket.
    async fn answers(&self) -> bool {
        let socket = self.socket_dir.join(format!(".s.PGSQL.{PORT}"));
        let pg_isready = self.bin_dir.join("pg_isready");
        if is_executable(&pg_isready) {
            // A protocol-level check: a socket accepting connections during startup or
            // shutdown still refuses sessions, pg_isready tells the difference.
            let port = PORT.to_string();
            return Command::new(&pg_isready)
                .arg("-q")
                .arg("-h")
                .arg(&self.socket_dir)
                .args([
                    "-p",
                    &port,
                    "-U",
                    &self.superuser,
                    "-d",
                    "postgres",
                    "-t",
                    "2",
                ])
                .env_clear_pg()
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .await
                .is_ok_and(|s| s.success());
        }
        UnixStream::connect(&socket).is_ok()
    }

    /// Runs one of the PostgreSQL programs (as the server's OS user when root), turning a
    /// failure into a one-line error and logging its whole output.
    async fn run(&self, program: &str, args: &[&OsStr]) -> Result<Output, ClusterError> {
        let path = self.bin_dir.join(program);
        let mut cmd = Command::new(&path);
        cmd.args(args)
            .env_clear_pg()
            // The working directory may be one the server's user cannot enter (/root/...).
            .current_dir("/")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(false);
        if let Some((uid, gid)) = self.run_as {
            cmd.uid(uid.as_raw()).gid(gid.as_raw());
        }
        let log = self.data_dir.join("server.log");
        let output = cmd.output().await.map_err(|err| ClusterError::Command {
            program: program.to_owned(),
            status: "could not run it".to_owned(),
            detail: format!("{}: {err}", path.display()),
            log: log.clone(),
        })?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() {
            tracing::debug!(program, %stdout, %stderr, "PostgreSQL program succeeded");
            return Ok(output);
        }
        tracing::error!(program, status = %output.status, %stdout, %stderr, "PostgreSQL program failed");
        Err(ClusterError::Command {
            program: program.to_owned(),
            status: output.status.to_string(),
            detail: summarize(&stderr, &stdout),
            log,
        })
    }
}

/// Removes the environment variables of [`PG_ENV`] from a command.
trait EnvClearPg {
    fn env_clear_pg(&mut self) -> &mut Self;
}

impl EnvClearPg for Command {
    fn env_clear_pg(&mut self) -> &mut Self {
        for var in PG_ENV {
            self.env_remove(var);
        }
        self
    }
}

/// What a pid from `postmaster.pid` is now.
#[derive(Debug, PartialEq, Eq)]
enum ProcessState {
    Gone,
    /// Alive, but not a PostgreSQL process, or a zombie.
    NotPostgres,
    Alive,
    /// No /proc to tell.
    Unknown,
}

/// Reads `/proc/<pid>/stat` (the crate's `nix` features do not include `kill(2)`, and /proc
/// also tells a reused pid and a zombie from a live server).
fn process_state(pid: i32) -> ProcessState {
    // A standalone backend (`postgres --single`) writes its pid negated.
    let pid = pid.saturating_abs();
    if pid == 0 {
        return ProcessState::Gone;
    }
    let stat = match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat,
        Err(err) if err.kind() == io::ErrorKind::NotFound && Path::new("/proc/self").exists() => {
            return ProcessState::Gone;
        }
        Err(_) => return ProcessState::Unknown,
    };
    // The state follows the parenthesised command name, which may itself contain ") ".
    let state = stat
        .rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().next())
        .unwrap_or("");
    if state == "Z" || state == "X" {
        return ProcessState::NotPostgres;
    }
    let comm = stat
        .find('(')
        .zip(stat.rfind(')'))
        .map(|(a, b)| &stat[a + 1..b])
        .unwrap_or("");
    if comm.starts_with("postgres") || comm.starts_with("postmaster") {
        ProcessState::Alive
    } else {
        ProcessState::NotPostgres
    }
}

/// The requested data directory made absolute, with its parent created and canonicalised.
fn canonical_requested(data_dir: &Path) -> Result<PathBuf, ClusterError> {
    let absolute = if data_dir.is_absolute() {
        data_dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|source| io_error("find the working directory for", data_dir, source))?
            .join(data_dir)
    };
    let name = absolute
        .file_name()
        .filter(|n| *n != OsStr::new(".") && *n != OsStr::new(".."))
        .ok_or_else(|| ClusterError::InvalidDataDir(data_dir.to_path_buf()))?
        .to_owned();
    let parent = absolute
        .parent()
        .ok_or_else(|| ClusterError::InvalidDataDir(data_dir.to_path_buf()))?;
    fs::create_dir_all(parent).map_err(|source| io_error("create directory", parent, source))?;
    let parent = fs::canonicalize(parent).map_err(|source| io_error("resolve", parent, source))?;
    Ok(parent.join(name))
}

fn parent_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("/"))
}

/// `<dir><suffix>` next to `dir`.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let mut name = dir.file_name().map(OsStr::to_owned).unwrap_or_default();
    name.push(suffix);
    parent_of(dir).join(name)
}

/// Whether `user` may search `dir` and every directory above it, by the classic permission bits
/// (owner, then group including supplementary groups, then others; ACLs are not considered).
fn can_traverse(user: &User, dir: &Path) -> bool {
    let groups = CString::new(user.name.as_bytes())
        .ok()
        .and_then(|name| getgrouplist(&name, user.gid).ok())
        .unwrap_or_else(|| vec![user.gid]);
    dir.ancestors().all(|ancestor| {
        let Ok(meta) = fs::metadata(ancestor) else {
            return false;
        };
        let mode = meta.mode();
        if meta.uid() == user.uid.as_raw() {
            mode & 0o100 != 0
        } else if groups.iter().any(|g| g.as_raw() == meta.gid()) {
            mode & 0o010 != 0
        } else {
            mode & 0o001 != 0
        }
    })
}

/// The data directory used when the server's user cannot reach the requested one:
/// `/var/tmp/sdp-tracker-<hash>/postgres`, its parent owned by root and checked to be a real
/// directory (`/var/tmp` is world-writable, so someone could have planted a symlink).
fn fallback_dir(requested: &Path) -> Result<PathBuf, ClusterError> {
    let base = Path::new(FALLBACK_ROOT).join(format!(
        "sdp-tracker-{}",
        short_hash(requested.as_os_str().as_encoded_bytes())
    ));
    match fs::DirBuilder::new().mode(0o755).create(&base) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
        Err(source) => return Err(io_error("create directory", &base, source)),
    }
    let meta = fs::symlink_metadata(&base).map_err(|source| io_error("inspect", &base, source))?;
    if !meta.is_dir() || meta.uid() != geteuid().as_raw() {
        return Err(io_error(
            "use directory",
            &base,
            io::Error::other("it is not a directory owned by this user; remove it"),
        ));
    }
    Ok(base.join("postgres"))
}

/// 12 hex digits of the 64-bit FNV-1a hash: stable across builds, unlike `DefaultHasher`.
fn short_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:012x}", hash >> 16)
}

fn check_socket_path(dir: &Path) -> Result<(), ClusterError> {
    let path = dir.join(format!(".s.PGSQL.{PORT}"));
    let len = path.as_os_str().len();
    if len >= SUN_PATH_MAX {
        return Err(ClusterError::SocketPathTooLong {
            path,
            len,
            max: SUN_PATH_MAX - 1,
        });
    }
    Ok(())
}

/// The major version in `PG_VERSION`, or `None` when the directory holds no cluster yet.
fn read_pg_version(dir: &Path) -> Result<Option<String>, ClusterError> {
    let file = dir.join("PG_VERSION");
    match fs::read_to_string(&file) {
        Ok(text) => Ok(Some(text.trim().to_owned())),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        // Under root the directory belongs to postgres (mode 0700) but root reads it anyway;
        // anything else is a real problem.
        Err(source) => Err(io_error("read", &file, source)),
    }
}

/// Directories to look for the server programs in: PATH first (the user's explicit choice),
/// then `/usr/lib/postgresql/<version>/bin`, highest version first.
fn default_search_dirs() -> Vec<PathBuf> {
    search_dirs(std::env::var_os("PATH"), Path::new(VERSIONED_ROOT))
}

fn search_dirs(path_var: Option<OsString>, versioned_root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = path_var
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let mut versioned: Vec<(Vec<u32>, PathBuf)> = fs::read_dir(versioned_root)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name();
            let version: Option<Vec<u32>> = name
                .to_str()?
                .split('.')
                .map(|part| part.parse().ok())
                .collect();
            Some((version?, entry.path().join("bin")))
        })
        .collect();
    versioned.sort_by(|a, b| b.0.cmp(&a.0));
    dirs.extend(versioned.into_iter().map(|(_, dir)| dir));
    dirs
}

fn is_executable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.mode() & 0o111 != 0)
}

/// The first directory with `initdb`, `pg_ctl` and `postgres`, preferring one whose version is
/// `wanted` (the existing cluster's `PG_VERSION`).
///
/// Symlinks are resolved (on this kind of machine `/usr/local/bin/initdb` is a symlink into
/// `/usr/lib/postgresql/15/bin`) so that the three programs are taken from one real
/// installation; `initdb` and `pg_ctl` find `postgres` next to their own resolved path.
async fn find_bin_dir(
    search: &[PathBuf],
    wanted: Option<&str>,
    data_dir: &Path,
) -> Result<PathBuf, ClusterError> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    for dir in search {
        let Ok(initdb) = fs::canonicalize(dir.join("initdb")) else {
            continue;
        };
        let Some(real) = initdb.parent().map(Path::to_path_buf) else {
            continue;
        };
        if !candidates.contains(&real)
            && ["initdb", "pg_ctl", "postgres"]
                .iter()
                .all(|p| is_executable(&real.join(p)))
        {
            candidates.push(real);
        }
    }
    let Some(wanted) = wanted else {
        return candidates
            .into_iter()
            .next()
            .ok_or(ClusterError::NoBinaries);
    };
    if candidates.is_empty() {
        return Err(ClusterError::NoBinaries);
    }
    let mut found = Vec::new();
    for dir in candidates {
        let version = server_major_version(&dir).await;
        if version.as_deref() == Some(wanted) {
            return Ok(dir);
        }
        found.push(version.unwrap_or_else(|| "?".to_owned()));
    }
    Err(ClusterError::VersionMismatch {
        dir: data_dir.to_path_buf(),
        wanted: wanted.to_owned(),
        found: found.join(", "),
    })
}

/// The major version (as `PG_VERSION` writes it: `15`, or `9.6` before 10) of `dir/postgres`.
async fn server_major_version(dir: &Path) -> Option<String> {
    // `postgres --version` is answered before the refusal to run as root.
    let output = Command::new(dir.join("postgres"))
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .await
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    major_version(&text)
}

/// `postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)` → `15`; `... 9.6.24` → `9.6`.
fn major_version(version_output: &str) -> Option<String> {
    let number = version_output
        .split(')')
        .nth(1)?
        .split_whitespace()
        .next()?;
    let parts: Vec<&str> = number.split('.').collect();
    let first: u32 = parts.first()?.parse().ok()?;
    if first >= 10 {
        Some(first.to_string())
    } else {
        Some(format!("{first}.{}", parts.get(1)?))
    }
}

/// Takes a blocking `flock` on `path` (created when missing) off the async runtime.
async fn lock(path: PathBuf, arg: FlockArg) -> Result<Flock<File>, ClusterError> {
    tokio::task::spawn_blocking(move || {
        let file = open_lock_file(&path)?;
        Flock::lock(file, arg).map_err(|(_, source)| ClusterError::Lock { path, source })
    })
    .await
    .map_err(|err| ClusterError::Task(err.to_string()))?
}

/// An exclusive `flock` on `path` if nobody holds it, `None` otherwise.
fn lock_nonblocking_exclusive(path: &Path) -> Result<Option<Flock<File>>, ClusterError> {
    let file = open_lock_file(path)?;
    match Flock::lock(file, FlockArg::LockExclusiveNonblock) {
        Ok(lock) => Ok(Some(lock)),
        Err((_, Errno::EWOULDBLOCK)) => Ok(None),
        Err((_, source)) => Err(ClusterError::Lock {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn open_lock_file(path: &Path) -> Result<File, ClusterError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o644)
        .open(path)
        .map_err(|source| io_error("open the lock file", path, source))
}

fn io_error(action: &'static str, path: &Path, source: io::Error) -> ClusterError {
    ClusterError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// One line out of a program's output: its error lines if any, else its last line.
fn summarize(stderr: &str, stdout: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .chain(stdout.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let errors: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.contains("error") || l.contains("FATAL") || l.contains("could not"))
        .collect();
    let chosen = if errors.is_empty() {
        lines.last().copied().unwrap_or("no output").to_owned()
    } else {
        errors.join("; ")
    };
    chosen.replace(['\n', '\r'], " ")
}

/// A string in single quotes in `postgresql.conf`: backslashes and quotes escaped.
fn conf_quote(value: &str) -> String {
    value.replace('\\', "\\\\").replace('\'', "''")
}

/// Percent-encodes everything but unreserved characters (and `/` when `keep_slash`), for a URL
/// path segment, user name or query value.
fn percent_encode(value: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::{Connection as _, PgConnection};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static COUNTER: AtomicUsize = AtomicUsize::new(0);

    /// A fresh directory under /tmp, removed (after stopping any cluster) when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            let n = COUNTER.fetch_add(1, Ordering::SeqCst);
            let path = PathBuf::from(format!(
                "/tmp/cluster-test-{}-{tag}-{n}",
                std::process::id()
            ));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).expect("create temp dir");
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            stop_any(&self.0.join("pg"));
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// Stops a server left running by a failed test, so that it does not outlive the test run.
    fn stop_any(data_dir: &Path) {
        if !data_dir.join("postmaster.pid").exists() {
            return;
        }
        let mut cmd = std::process::Command::new("/usr/lib/postgresql/15/bin/pg_ctl");
        cmd.args(["-m", "immediate", "-w", "stop", "-D"])
            .arg(data_dir);
        if geteuid().is_root()
            && let Ok(Some(user)) = User::from_name(SERVER_OS_USER)
        {
            use std::os::unix::process::CommandExt as _;
            cmd.uid(user.uid.as_raw()).gid(user.gid.as_raw());
        }
        let _ = cmd.output();
    }

    fn socket(cluster: &PrivateCluster) -> PathBuf {
        cluster.data_dir().join(".s.PGSQL.5432")
    }

    #[tokio::test]
    async fn starts_reuses_stops_and_restarts() {
        let tmp = TempDir::new("cycle");
        let opts = ClusterOptions {
            data_dir: tmp.0.join("pg"),
        };
        let first = PrivateCluster::ensure_running(&opts)
            .await
            .expect("first start");
        assert!(first.started_here());
        assert_eq!(first.data_dir(), tmp.0.join("pg"));
        assert!(socket(&first).exists());

        let mut conn = PgConnection::connect(&first.url("postgres"))
            .await
            .expect("connect over the socket");
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(one, 1);
        let (collate, encoding): (String, String) = sqlx::query_as(
            "SELECT datcollate::text, pg_encoding_to_char(encoding)::text \
             FROM pg_database WHERE datname = 'postgres'",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert_eq!((collate.as_str(), encoding.as_str()), ("C.UTF-8", "UTF8"));
        let listen: String = sqlx::query_scalar("SHOW listen_addresses")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(listen, "");
        sqlx::query("CREATE DATABASE \"sdp test\"")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();

        // A database name that needs percent-encoding.
        let mut conn = PgConnection::connect(&first.url("sdp test")).await.unwrap();
        sqlx::query("CREATE TABLE kept (v int)")
            .execute(&mut conn)
            .await
            .unwrap();
        sqlx::query("INSERT INTO kept VALUES (42)")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();

        let second = PrivateCluster::ensure_running(&opts).await.expect("reuse");
        assert!(!second.started_here());
        second
            .stop()
            .await
            .expect("stop of a reused cluster is a no-op");
        assert!(
            socket(&first).exists(),
            "a reusing process must not stop the server"
        );

        let sock = socket(&first);
        first.stop().await.expect("stop");
        assert!(!sock.exists(), "socket gone after stop");
        assert!(!tmp.0.join("pg/postmaster.pid").exists());

        let third = PrivateCluster::ensure_running(&opts)
            .await
            .expect("restart");
        assert!(third.started_here());
        let mut conn = PgConnection::connect(&third.url("sdp test")).await.unwrap();
        let v: i32 = sqlx::query_scalar("SELECT v FROM kept")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(v, 42, "data persisted across restarts");
        conn.close().await.unwrap();
        third.stop().await.unwrap();
    }

    #[tokio::test]
    async fn concurrent_callers_start_once() {
        let tmp = TempDir::new("concurrent");
        let opts = ClusterOptions {
            data_dir: tmp.0.join("pg"),
        };
        let (a, b) = tokio::join!(
            PrivateCluster::ensure_running(&opts),
            PrivateCluster::ensure_running(&opts)
        );
        let (a, b) = (a.expect("a"), b.expect("b"));
        assert_eq!(
            [a.started_here(), b.started_here()]
                .iter()
                .filter(|s| **s)
                .count(),
            1,
            "exactly one caller starts the server"
        );
        let (starter, other) = if a.started_here() { (a, b) } else { (b, a) };

        // The starter's stop leaves the server running while the other still uses it.
        let mut conn = PgConnection::connect(&other.url("postgres")).await.unwrap();
        let sock = socket(&starter);
        starter.stop().await.unwrap();
        assert!(sock.exists(), "still in use by the other handle");
        let one: i32 = sqlx::query_scalar("SELECT 1")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(one, 1);
        conn.close().await.unwrap();
        other.stop().await.unwrap();
        stop_any(&tmp.0.join("pg"));
    }

    #[tokio::test]
    async fn concurrent_starter_stops_when_alone() {
        let tmp = TempDir::new("concurrent-stop");
        let opts = ClusterOptions {
            data_dir: tmp.0.join("pg"),
        };
        let (a, b) = tokio::join!(
            PrivateCluster::ensure_running(&opts),
            PrivateCluster::ensure_running(&opts)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let sock = socket(&a);
        let (starter, other) = if a.started_here() { (a, b) } else { (b, a) };
        other.stop().await.unwrap();
        assert!(sock.exists());
        starter.stop().await.unwrap();
        assert!(!sock.exists());
    }

    #[tokio::test]
    async fn stale_postmaster_pid_does_not_block_start() {
        let tmp = TempDir::new("stale");
        let opts = ClusterOptions {
            data_dir: tmp.0.join("pg"),
        };
        let cluster = PrivateCluster::ensure_running(&opts).await.unwrap();
        let pid_file = tmp.0.join("pg/postmaster.pid");
        let saved = fs::read_to_string(&pid_file).unwrap();
        cluster.stop().await.unwrap();

        // A crash: the file stays, its pid is dead.
        let dead = "999999\n".to_owned() + saved.split_once('\n').unwrap().1;
        fs::write(&pid_file, &dead).unwrap();
        let cluster = PrivateCluster::ensure_running(&opts)
            .await
            .expect("start over a dead pid");
        assert!(cluster.started_here());
        cluster.stop().await.unwrap();

        // A container restart: the pid now belongs to another, live process (this one).
        let reused = format!("{}\n", std::process::id()) + saved.split_once('\n').unwrap().1;
        fs::write(&pid_file, &reused).unwrap();
        let cluster = PrivateCluster::ensure_running(&opts)
            .await
            .expect("start over a reused pid");
        assert!(cluster.started_here());
        cluster.stop().await.unwrap();
    }

    #[tokio::test]
    async fn missing_binaries_give_the_install_hint() {
        let tmp = TempDir::new("nobin");
        let fake_root = tmp.0.join("postgresql");
        fs::create_dir_all(fake_root.join("16/bin")).unwrap();
        let dirs = search_dirs(
            Some(OsString::from("/nonexistent:/also-missing")),
            &fake_root,
        );
        let err = find_bin_dir(&dirs, None, &tmp.0).await.unwrap_err();
        let message = err.to_string();
        assert_eq!(
            message,
            "no PostgreSQL server binaries found (initdb, pg_ctl): install the `postgresql` package, or set DATABASE_URL to a running server"
        );
        assert!(!message.contains('\n'));
    }

    #[tokio::test]
    async fn binary_search_prefers_path_then_highest_version() {
        let tmp = TempDir::new("bins");
        let root = tmp.0.join("postgresql");
        for version in ["9.6", "15", "16", "notaversion"] {
            let bin = root.join(version).join("bin");
            fs::create_dir_all(&bin).unwrap();
            for program in ["initdb", "pg_ctl", "postgres"] {
                let path = bin.join(program);
                fs::write(
                    &path,
                    format!("#!/bin/sh\necho 'postgres (PostgreSQL) {version}.1'\n"),
                )
                .unwrap();
                fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755))
                    .unwrap();
            }
        }
        // A directory with only initdb does not count.
        let partial = tmp.0.join("partial");
        fs::create_dir_all(&partial).unwrap();
        fs::copy(root.join("15/bin/initdb"), partial.join("initdb")).unwrap();
        let dirs = search_dirs(Some(partial.clone().into_os_string()), &root);
        assert_eq!(dirs.len(), 4, "{dirs:?}");
        let found = find_bin_dir(&dirs, None, &tmp.0).await.unwrap();
        assert_eq!(found, root.join("16/bin"));
        let found = find_bin_dir(&dirs, Some("9.6"), &tmp.0).await.unwrap();
        assert_eq!(found, root.join("9.6/bin"));
        let err = find_bin_dir(&dirs, Some("14"), &tmp.0).await.unwrap_err();
        assert!(
            err.to_string().contains("created by PostgreSQL 14"),
            "{err}"
        );

        // PATH wins, through a symlink resolved to the real installation.
        let linked = tmp.0.join("linked");
        fs::create_dir_all(&linked).unwrap();
        std::os::unix::fs::symlink(root.join("15/bin/initdb"), linked.join("initdb")).unwrap();
        let dirs = search_dirs(Some(linked.into_os_string()), &root);
        assert_eq!(
            find_bin_dir(&dirs, None, &tmp.0).await.unwrap(),
            root.join("15/bin")
        );
    }

    #[test]
    fn url_forms() {
        let cluster = PrivateCluster {
            data_dir: PathBuf::from("/srv/app dir/var/postgres"),
            socket_dir: PathBuf::from("/srv/app dir/var/postgres"),
            superuser: SUPERUSER.to_owned(),
            started_here: false,
            bin_dir: PathBuf::new(),
            run_as: None,
            lock_path: PathBuf::new(),
            users_lock_path: PathBuf::new(),
            users_lock: None,
        };
        let url = cluster.url("sdp_tracker");
        assert_eq!(
            url,
            "postgres://postgres@localhost:5432/sdp_tracker?host=/srv/app%20dir/var/postgres"
        );
        let opts: sqlx::postgres::PgConnectOptions = url.parse().unwrap();
        assert_eq!(
            opts.get_socket(),
            Some(&PathBuf::from("/srv/app dir/var/postgres"))
        );
        assert_eq!(opts.get_database(), Some("sdp_tracker"));
        assert_eq!(opts.get_username(), "postgres");
        assert_eq!(opts.get_port(), 5432);
    }

    #[test]
    fn versions_and_hash() {
        assert_eq!(
            major_version("postgres (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)\n").as_deref(),
            Some("15")
        );
        assert_eq!(
            major_version("postgres (PostgreSQL) 9.6.24").as_deref(),
            Some("9.6")
        );
        assert_eq!(short_hash(b"/root/x").len(), 12);
        assert_eq!(short_hash(b"/root/x"), short_hash(b"/root/x"));
        assert_ne!(short_hash(b"/root/x"), short_hash(b"/root/y"));
        assert!(check_socket_path(&PathBuf::from(format!("/{}", "a".repeat(100)))).is_err());
        assert!(check_socket_path(Path::new("/work/main/var/postgres")).is_ok());
    }

    /// Root only: a data directory the `postgres` user cannot reach moves to /var/tmp.
    #[tokio::test]
    async fn root_falls_back_when_postgres_cannot_traverse() {
        if !geteuid().is_root() {
            return;
        }
        let Ok(Some(user)) = User::from_name(SERVER_OS_USER) else {
            return;
        };
        let tmp = TempDir::new("private");
        fs::set_permissions(&tmp.0, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
        let requested = tmp.0.join("pg");
        assert!(!can_traverse(&user, &tmp.0));
        assert!(can_traverse(&user, Path::new("/tmp")));

        let cluster = PrivateCluster::ensure_running(&ClusterOptions {
            data_dir: requested.clone(),
        })
        .await
        .expect("start in the fallback directory");
        let used = cluster.data_dir().to_path_buf();
        let base = used.parent().unwrap().to_path_buf();
        let expected_base = PathBuf::from(format!(
            "/var/tmp/sdp-tracker-{}",
            short_hash(requested.as_os_str().as_encoded_bytes())
        ));
        let cleanup = scopeguard(base.clone());
        assert_eq!(base, expected_base);
        assert_eq!(used.file_name().unwrap(), "postgres");
        assert_eq!(fs::metadata(&used).unwrap().uid(), user.uid.as_raw());
        assert!(
            !requested.exists(),
            "nothing is created in the unreachable directory"
        );

        let mut conn = PgConnection::connect(&cluster.url("postgres"))
            .await
            .unwrap();
        let who: String = sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(who, "postgres");
        conn.close().await.unwrap();
        cluster.stop().await.unwrap();
        drop(cleanup);
    }

    /// Removes the fallback directory even when an assertion fails.
    struct Cleanup(PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            stop_any(&self.0.join("postgres"));
            let _ = fs::remove_dir_all(&self.0);
        }
    }
    fn scopeguard(path: PathBuf) -> Cleanup {
        Cleanup(path)
    }
}
