//! The project's automation, run as `cargo xtask <command>` (the cargo-xtask pattern).

mod bench;
#[cfg(test)]
mod css_scope;
mod demo;
mod fixture;
mod schemathesis;
mod setup;
#[cfg(test)]
mod source_checks;
mod test;
mod util;

use std::env;
use std::process::ExitCode;

fn help() -> String {
    format!(
        "cargo xtask <command>

commands:
  setup    install what is missing: wasm target; trunk {trunk}, wasm-bindgen-cli at the
           Cargo.lock version and geckodriver (crates.io); wasm-opt at Trunk.toml's version
           (npm's binaryen); chromium, chromium-driver and firefox-esr (Debian)
  demo     build the app for release and serve it on the mock with the demo data
           {demo}
  test     everything CI checks, every step even after a failure, then a summary
           {test}
  fixture  write a deterministic fixture of any size for the mock
           {fixture}
  bench    figures, one JSON line each: shipped bytes; the release app in headless Chromium
           or Firefox per fixture size (load, toggles, select all, clear, expand, scroll,
           memory); mock paging; domain speed
           {bench}
  help     this text

Tools are installed into $CARGO_HOME/bin, which every command run from here finds first on PATH.
",
        trunk = setup::TRUNK_VERSION,
        demo = demo::usage(),
        test = test::usage().replace('\n', "\n           ").trim_end(),
        fixture = fixture::usage(),
        bench = bench::usage(),
    )
}

fn main() -> ExitCode {
    util::put_cargo_bin_on_path();
    let args: Vec<String> = env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("setup") if rest.is_empty() => setup::run(),
        Some("demo") => demo::run(rest),
        Some("test") => test::run(rest),
        Some("fixture") => fixture::run(rest),
        Some("bench") => bench::run(rest),
        None | Some("help" | "--help" | "-h") => {
            print!("{}", help());
            Ok(())
        }
        Some(other) => Err(format!(
            "unknown command or arguments: {other} …\n\n{}",
            help()
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nerror: {e}");
            ExitCode::FAILURE
        }
    }
}
