//! A mock of the invoicing backend (`shared/api/openapi.yaml`) that also serves the built single-page app.
//!
//! [`serve`] loads and checks a fixture, binds `127.0.0.1`, and answers until stopped; [`app`] is
//! the router alone. Money is [`invoicing::Money`] throughout, never a float.
//!
//! - [`fixture`]: loading and checking the fixture file; [`data`]: the checked data, indexed.
//! - [`api`]: the `/api/v1` operations; [`candidates`] and [`cursor`]: the paged candidate list;
//!   [`balance`]: the invoiceable balance.
//! - [`applications`]: `POST /invoice-applications`, with [`idempotency`] its key store and
//!   [`admin`] the list of what it created (`--admin`).
//! - The records: [`record_list`], [`record_export`], [`record_file`] (the invoice's PDF,
//!   [`invoice_pdf`] and [`pdf_text`]); `--admin`'s [`record_status`] moves an invoice, and a
//!   rejected or cancelled one gives its documents back ([`give_back`]).
//! - [`session`], [`faults`], [`lang`], [`problem`], [`params`]: what every API answer goes through.
//! - [`spa`]: the built app and the hint page when it is missing.

pub mod admin;
pub mod api;
pub mod applications;
pub mod balance;
pub mod candidates;
pub mod csp;
pub mod cursor;
pub mod data;
pub mod draft;
pub mod faults;
pub mod fixture;
pub mod fixture_schema;
pub mod give_back;
pub mod idempotency;
pub mod invoice_pdf;
pub mod lang;
pub mod params;
pub mod pdf_text;
pub mod preview;
pub mod problem;
pub mod record_export;
pub mod record_file;
pub mod record_list;
pub mod record_status;
pub mod records;
pub mod saved;
pub mod session;
pub mod spa;
pub mod timestamp;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use axum::routing::{any, get, post};
use axum::Router;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use admin::AdminLog;
pub use data::Data;
pub use faults::Faults;
pub use fixture::{FixtureError, FixtureErrors};
pub use idempotency::IdempotencyStore;
pub use session::Sessions;

/// How to start the mock; [`Config::default`] is what the binary uses without flags.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The fixture file (`--data`).
    pub data: PathBuf,
    /// The built app (`--dist`).
    pub dist: PathBuf,
    /// The port on `127.0.0.1`; `0` picks a free one (`--port`).
    pub port: u16,
    /// A delay before every `/api` answer (`--latency-ms`).
    pub latency: Duration,
    /// How many `/api` requests answer `503` first (`--fail-first`).
    pub fail_first: u64,
    /// How many `POST /invoice-applications` answer `503` first, before the key is used
    /// (`--fail-applications`).
    pub fail_applications: u64,
    /// A further delay before every page after the first, a list request with a `cursor`
    /// (`--page-latency-ms`).
    pub page_latency: Duration,
    /// How many list requests with a `cursor` answer `400 INVALID_CURSOR` first (`--expire-cursors`).
    pub expire_cursors: u64,
    /// Serve `GET /__mock/applications`, every application created, and
    /// `POST /__mock/records/{invoiceId}/status`, the status mover (`--admin`).
    pub admin: bool,
    /// How long `POST /invoice-applications` keeps its key in progress before it processes
    /// the application (`--apply-latency-ms`), so that a second request meets `409`.
    pub apply_latency: Duration,
    /// Who may frame the app: the CSP's `frame-ancestors` sources (`--frame-ancestors`).
    pub frame_ancestors: String,
    /// Fault rules in force from the start (`--faults FILE`, [`faults`]).
    pub faults: faults::FaultSet,
    /// Origins besides the mock's own whose mutations are accepted: `trunk serve`'s
    /// ([`TRUNK_SERVE_ORIGIN`]) and those of `--allow-origin`.
    pub allow_origins: Vec<String>,
}

/// The origin of `trunk serve` (`Trunk.toml`), which proxies `/api` to the mock and whose pages'
/// `POST`s therefore arrive with this `Origin`.
pub const TRUNK_SERVE_ORIGIN: &str = "http://127.0.0.1:8081";

/// The demo fixture kept in this crate.
pub fn default_fixture() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/demo.json"))
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data: default_fixture(),
            dist: PathBuf::from("dist"),
            port: 8080,
            latency: Duration::ZERO,
            fail_first: 0,
            fail_applications: 0,
            page_latency: Duration::ZERO,
            expire_cursors: 0,
            admin: false,
            apply_latency: Duration::ZERO,
            frame_ancestors: "'self'".to_owned(),
            faults: faults::FaultSet::default(),
            allow_origins: vec![TRUNK_SERVE_ORIGIN.to_owned()],
        }
    }
}

/// What the handlers share: the data, the sessions, the faults and the app's folder.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The data, changed by `POST /invoice-applications`; read it with [`AppState::data`]
    /// (never across an `.await`) and change it with [`AppState::data_mut`].
    pub data: Arc<RwLock<Data>>,
    pub sessions: Sessions,
    pub faults: Faults,
    pub dist: Arc<PathBuf>,
    /// The `Idempotency-Key`s of `POST /invoice-applications` (R21).
    pub idempotency: IdempotencyStore,
    /// Every application created, for `GET /__mock/applications`.
    pub applications: AdminLog,
    /// Whether `GET /__mock/applications` and the status mover are served (`--admin`).
    pub admin: bool,
    /// The delay before an application is processed (`--apply-latency-ms`).
    pub apply_latency: Duration,
    /// The CSP's `frame-ancestors` sources ([`csp`]).
    pub frame_ancestors: Arc<String>,
    /// What the CSP blocked, as browsers reported it ([`csp`]).
    pub csp_reports: csp::CspReports,
    /// Origins besides the mock's own whose mutations are accepted ([`session`]).
    pub allow_origins: Arc<Vec<String>>,
}

impl AppState {
    /// A state with no sessions yet.
    pub fn new(data: Data, faults: Faults, dist: PathBuf) -> AppState {
        AppState {
            data: Arc::new(RwLock::new(data)),
            sessions: Sessions::default(),
            faults,
            dist: Arc::new(dist),
            idempotency: IdempotencyStore::default(),
            applications: AdminLog::default(),
            admin: false,
            apply_latency: Duration::ZERO,
            frame_ancestors: Arc::new("'self'".to_owned()),
            csp_reports: csp::CspReports::default(),
            allow_origins: Arc::default(),
        }
    }

    /// The data as it is now. Hold the guard only for synchronous work: a handler that waits
    /// (`.await`) drops it first, or an application being created waits for it.
    pub fn data(&self) -> RwLockReadGuard<'_, Data> {
        self.data.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The data, for a change that must be seen whole or not at all (creating an application).
    pub fn data_mut(&self) -> RwLockWriteGuard<'_, Data> {
        self.data.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// The whole server: `/api` (the contract), `/__mock` (session controls and, with `--admin`,
/// the applications created) and the app.
pub fn app(state: AppState) -> Router {
    // `nest` does not take `/api/` itself; it is an (unknown) API path too, not a page.
    let api_root = api::router(state.clone()).with_state(state.clone());
    Router::new()
        .nest("/api", api::router(state.clone()))
        .route_service("/api/", api_root)
        .route("/__mock/sign-in", get(session::sign_in))
        .route("/__mock/sign-out", get(session::sign_out))
        .route("/__mock/applications", get(admin::applications))
        .route("/__mock/faults", any(faults::admin::faults))
        .route(
            "/__mock/records/{invoiceId}/status",
            post(record_status::move_status),
        )
        .route(csp::REPORT_PATH, post(csp::receive).get(csp::list))
        .fallback(spa::serve)
        .with_state(state)
}

/// Why the mock could not start.
#[derive(Debug)]
pub enum StartError {
    /// The fixture is missing or breaks a rule.
    Fixture(FixtureErrors),
    /// The port could not be bound.
    Bind(u16, std::io::Error),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Fixture(e) => e.fmt(f),
            StartError::Bind(port, e) => write!(f, "cannot listen on 127.0.0.1:{port}: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A running mock. Dropping it stops the server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// The address it listens on (the real port when `port` was 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:N`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers until the task fails; it never ends otherwise.
    pub async fn wait(mut self) -> std::io::Result<()> {
        let task = &mut self.task;
        task.await.unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }

    /// Stops accepting connections and waits for the open ones to finish.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.wait().await
    }
}

/// Loads and checks the fixture, binds `127.0.0.1:port` and answers in a background task.
///
/// When it returns `Ok`, the server accepts connections: the caller may print its address.
pub async fn serve(config: Config) -> Result<Server, StartError> {
    let data = fixture::load(&config.data).map_err(StartError::Fixture)?;
    let mut state = AppState::new(data, Faults::new(&config), config.dist.clone());
    state.admin = config.admin;
    state.apply_latency = config.apply_latency;
    state.frame_ancestors = Arc::new(config.frame_ancestors.clone());
    state.allow_origins = Arc::new(config.allow_origins.clone());
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
        .await
        .map_err(|e| StartError::Bind(config.port, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Bind(config.port, e))?;
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Server {
        addr,
        stop: Some(stop),
        task,
    })
}
