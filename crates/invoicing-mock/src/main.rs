//! The `invoicing-mock` command: reads the flags, starts the mock and prints `listening on http://127.0.0.1:N`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use invoicing_mock::{serve, Config, StartError};

const USAGE: &str = "\
usage: invoicing-mock [--data PATH] [--dist DIR] [--port N] [--latency-ms N] [--fail-first N]
                      [--fail-applications N] [--page-latency-ms N] [--expire-cursors N]
                      [--apply-latency-ms N] [--frame-ancestors SOURCES] [--faults FILE]
                      [--allow-origin ORIGIN]... [--admin]

A mock of the invoicing backend (shared/api/openapi.yaml) that also serves the built app.

  --data PATH           fixture file to load and check (default: the crate's fixtures/demo.json)
  --dist DIR            built single-page app to serve at / (default: dist)
  --port N              port on 127.0.0.1; 0 picks a free one (default: 8080)
  --latency-ms N        delay every /api answer by N milliseconds (default: 0); a shorthand
                        for the fault rule {\"route\": \"*\", \"latencyMs\": N}
  --fail-first N        the first N /api requests answer 503 SERVICE_UNAVAILABLE with
                        Retry-After: 1; a shorthand for {\"route\": \"*\", \"fault\": \"503\", \"times\": N}
  --faults FILE         fault rules per route, JSON (below)
  --fail-applications N the first N POST /invoice-applications that pass the session and CSRF
                        checks answer 503 SERVICE_UNAVAILABLE with Retry-After: 1 before anything
                        is processed, so their Idempotency-Key stays unused (default: 0)
  --page-latency-ms N   delay every page after the first (a list request with a cursor) by N more
                        milliseconds (default: 0)
  --expire-cursors N    the first N list requests with a cursor that pass the session and
                        parameter checks answer 400 INVALID_CURSOR as if the cursor had expired
                        (the contract's InvalidCursor example)
  --apply-latency-ms N  keep each new POST /invoice-applications in progress N milliseconds before
                        processing it, so that a second request with its key answers 409
                        IDEMPOTENCY_KEY_IN_PROGRESS (default: 0)
  --frame-ancestors SOURCES
                        who may frame the app: the Content Security Policy's frame-ancestors
                        sources, e.g. \"'self' https://console.example\" (default: 'self')
  --allow-origin ORIGIN also accept POSTs whose Origin is ORIGIN (e.g. https://console.example);
                        repeatable. Other origins than the mock's own and trunk serve's
                        (http://127.0.0.1:8081, see Trunk.toml) get 403 CSRF_TOKEN_INVALID;
                        requests without Origin (not a browser) pass
  --admin               serve GET/POST/DELETE /__mock/faults (list, replace, clear the fault
                        rules; POST takes the --faults format), GET /__mock/csp-reports (what the policy blocked) and
                        GET /__mock/applications: every application created (id,
                        idempotency key, body, time) as JSON; and POST
                        /__mock/records/{invoiceId}/status with {\"status\": \"issuing\"},
                        \"invoiced\", \"cancelled\", or \"rejected\" with \"reason\": moves
                        an invoice as the contract allows; rejected and cancelled give its
                        documents back to the candidate list
  -h, --help            print this help

When ready it prints `listening on http://127.0.0.1:N` on stdout. A fixture that breaks a rule
makes it exit with status 1, naming the file, the record and the reason on stderr.
GET /__mock/sign-in starts a session (cookie uc_session); GET /__mock/sign-out ends it.

The --faults file: {\"rules\": [RULE, ...]}, each RULE an object:
  \"route\"      \"*\" or \"METHOD /path\" under /api/v1, e.g. \"GET /invoice-candidates\",
               \"POST /invoice-applications\", \"* /*\"; a segment * or {name} matches any one
  \"latencyMs\"  delay added to every matching request
  \"fault\"      \"500\", \"502\" (a gateway's HTML), \"503\", \"429\" (with Retry-After),
               \"drop\" (close without an answer), \"malformed\" / \"truncated\" (the real
               answer's JSON broken or cut in half), \"expire-session\" (401, and the session
               stays ended until /__mock/sign-in), \"stale\" (POST /invoice-applications only:
               422 STALE_AMOUNTS with expectedInvoices), \"in-progress\" (409
               IDEMPOTENCY_KEY_IN_PROGRESS), \"commit-then-500\" / \"commit-then-drop\" (the
               request is processed, then the client gets a 500 or a dropped connection; a
               retry with the same Idempotency-Key replays the 201)
  \"after\"      leave the first N matching requests alone (default 0)
  \"every\"      then fault every Nth matching request (default 1), or
  \"share\"      a share 0-1 of them, spread evenly by a counter (0.25: the 4th, 8th, ...)
  \"times\"      at most N faults (default: no limit)
  \"retryAfter\" seconds of Retry-After (default 1)
Counters are per rule; the first matching rule that fires gives the fault; latencies add up.";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Config>, String> {
    let mut config = Config::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(None);
        }
        if arg == "--admin" {
            config.admin = true;
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag} needs a whole number, not \"{v}\""))
        };
        match flag.as_str() {
            "--data" => config.data = PathBuf::from(value()?),
            "--dist" => config.dist = PathBuf::from(value()?),
            "--port" => {
                let v = value()?;
                config.port = v
                    .parse()
                    .map_err(|_| format!("--port needs a port number 0-65535, not \"{v}\""))?;
            }
            "--latency-ms" => config.latency = Duration::from_millis(number(value()?)?),
            "--fail-first" => config.fail_first = number(value()?)?,
            "--fail-applications" => config.fail_applications = number(value()?)?,
            "--page-latency-ms" => config.page_latency = Duration::from_millis(number(value()?)?),
            "--expire-cursors" => config.expire_cursors = number(value()?)?,
            "--frame-ancestors" => config.frame_ancestors = value()?,
            "--faults" => {
                let path = value()?;
                let text = std::fs::read(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
                let set = invoicing_mock::faults::FaultSet::from_json(&text)
                    .map_err(|e| format!("{path}: {e}"))?;
                config.faults.rules.extend(set.rules);
            }
            "--allow-origin" => config.allow_origins.push(value()?),
            "--apply-latency-ms" => config.apply_latency = Duration::from_millis(number(value()?)?),
            _ => return Err(format!("unknown argument \"{arg}\"")),
        }
    }
    Ok(Some(config))
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("invoicing-mock: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let server = match serve(config).await {
        Ok(server) => server,
        Err(e) => {
            let code = match e {
                StartError::Fixture(_) => 1,
                StartError::Bind(..) => 3,
            };
            for line in e.to_string().lines() {
                eprintln!("invoicing-mock: {line}");
            }
            return ExitCode::from(code);
        }
    };
    let mut stdout = std::io::stdout().lock();
    let printed = writeln!(stdout, "listening on {}", server.url()).and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(e) = printed {
        eprintln!("invoicing-mock: cannot write to stdout: {e}");
    }
    tokio::select! {
        result = server.wait() => {
            if let Err(e) = result {
                eprintln!("invoicing-mock: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        () = stop_signal() => ExitCode::SUCCESS,
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
