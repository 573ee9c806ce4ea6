//! IPython-style line magics. Each one is planned as (at most) one request to the session
//! plus what to make of the answer, so the line REPL can wait for it and the TUI can keep
//! drawing while it runs.

use crate::report;
use engine::session::timing::format_time;
use engine::session::worker::{Request, Response};
use engine::session::Outcome;
use std::sync::Mutex;

/// Every magic, for completion and `%help`.
pub const NAMES: &[&str] = &[
    "time", "timeit", "dis", "stats", "prof", "heat", "run", "reload", "reset", "who", "tui",
    "help",
];

/// What a magic leaves for the front end.
pub enum Effect {
    /// Text to show (may be empty).
    Text(String),
    /// Switch to the TUI inspector.
    Tui,
    /// End the session with this status.
    Exit(i32),
}

/// A magic, ready to run: the request (if it needs the session) and the rest of the work.
pub struct Plan {
    pub request: Option<Request>,
    pub finish: Box<dyn FnOnce(Option<Response>) -> Effect + Send>,
}

impl Plan {
    fn text(text: impl Into<String>) -> Plan {
        let text = text.into();
        Plan {
            request: None,
            finish: Box::new(move |_| Effect::Text(text)),
        }
    }

    fn ask(request: Request, finish: impl FnOnce(Response) -> Effect + Send + 'static) -> Plan {
        Plan {
            request: Some(request),
            finish: Box::new(move |r| match r {
                Some(r) => finish(r),
                None => Effect::Text("the session has ended\n".into()),
            }),
        }
    }
}

/// Plans `%name args` (`line` without the `%`). `color` selects ANSI output.
pub fn plan(line: &str, color: bool) -> Plan {
    let line = line.trim();
    let (name, args) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(n, a)| (n, a.trim()));
    match name {
        "time" => time(args),
        "timeit" => {
            if args.is_empty() {
                return Plan::text("UsageError: %timeit needs a statement\n");
            }
            Plan::ask(
                Request::Timeit {
                    stmt: args.to_owned(),
                },
                |r| match r {
                    Response::Timeit(Ok(result)) => Effect::Text(format!("{result}\n")),
                    Response::Timeit(Err(e)) => Effect::Text(format!("{e}\n")),
                    _ => Effect::Text(String::new()),
                },
            )
        }
        "dis" | "heat" => {
            if args.is_empty() {
                return Plan::text(format!("UsageError: %{name} needs a function\n"));
            }
            let heat = name == "heat";
            Plan::ask(
                Request::Inspect {
                    expr: args.to_owned(),
                },
                move |r| match r {
                    Response::Inspected(Ok(f)) if heat => {
                        Effect::Text(report::heat::format_heat(&f.info, &f.source, color))
                    }
                    Response::Inspected(Ok(f)) => Effect::Text(report::adaptive::format_adaptive(
                        &f.info, &f.source, None, color,
                    )),
                    Response::Inspected(Err(e)) => Effect::Text(format!("{e}\n")),
                    _ => Effect::Text(String::new()),
                },
            )
        }
        "stats" if args == "reset" => Plan::ask(Request::ResetStats, |_| {
            Effect::Text("specialization statistics reset\n".into())
        }),
        "stats" => Plan::ask(Request::Stats, |r| match r {
            Response::Stats(s) => {
                let text = report::stats::format_stats(&s);
                Effect::Text(text.trim_start_matches('\n').to_owned())
            }
            _ => Effect::Text(String::new()),
        }),
        "prof" => prof(args, color),
        "run" => run(args),
        "reload" => reload(args),
        "reset" => Plan::ask(Request::Reset, |_| Effect::Text(String::new())),
        "who" => Plan::ask(Request::Who, |r| match r {
            Response::Names(names) if names.is_empty() => {
                Effect::Text("Interactive namespace is empty.\n".into())
            }
            Response::Names(names) => Effect::Text(format!("{}\n", names.join("\t"))),
            _ => Effect::Text(String::new()),
        }),
        "tui" => Plan {
            request: None,
            finish: Box::new(|_| Effect::Tui),
        },
        "help" | "" => Plan::text(HELP),
        "exit" | "quit" => Plan {
            request: None,
            finish: Box::new(|_| Effect::Exit(0)),
        },
        other => Plan::text(format!(
            "UsageError: Line magic function `%{other}` not found.\n"
        )),
    }
}

const HELP: &str = "\
%time STMT        run STMT once; CPU and wall time
%timeit STMT      time STMT in a loop (calibrated; mean ± std. dev. of 7 runs)
%dis FUNC         adaptive disassembly: specialized forms, hits, misses, failure reasons
%heat FUNC        FUNC's source coloured by specialization success
%stats [reset]    specialization statistics per family (or zero them)
%prof [-o OUT] STMT   profile STMT: functions and lines; OUT.svg (flame graph) or OUT.json (speedscope)
%run FILE         run FILE in this session's namespace; run again, its unchanged functions
                  keep their warm code (specialized instructions, counts) and a line says
                  which were replaced and which were kept
%reload [FILE]    run FILE (default: the last %run file) again, keeping unchanged code warm
%reset            forget every name
%who              list the names you defined
%tui              open the inspector (profile, quickening, stats panes)
%help             this list
";

/// Process CPU time (user, system) in seconds.
fn cpu_times() -> (f64, f64) {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer to a live rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return (0.0, 0.0);
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    (secs(usage.ru_utime), secs(usage.ru_stime))
}

fn time(args: &str) -> Plan {
    if args.is_empty() {
        return Plan::text("UsageError: %time needs a statement\n");
    }
    let (user0, sys0) = cpu_times();
    Plan::ask(
        Request::Run {
            source: args.to_owned(),
            profile: false,
        },
        move |r| {
            let Response::Ran { outcome, .. } = r else {
                return Effect::Text(String::new());
            };
            let (user1, sys1) = cpu_times();
            let (user, sys) = (user1 - user0, sys1 - sys0);
            Effect::Text(format!(
                "CPU times: user {}, sys: {}, total: {}\nWall time: {}\n",
                format_time(user),
                format_time(sys),
                format_time(user + sys),
                format_time(outcome.elapsed.as_secs_f64())
            ))
        },
    )
}

fn prof(args: &str, color: bool) -> Plan {
    let (out, stmt) = match args.strip_prefix("-o") {
        Some(rest) => {
            let rest = rest.trim_start();
            match rest.split_once(char::is_whitespace) {
                Some((path, stmt)) => (Some(path.to_owned()), stmt.trim()),
                None => (Some(rest.to_owned()), ""),
            }
        }
        None => (None, args),
    };
    if stmt.is_empty() {
        return Plan::text("UsageError: %prof [-o OUT.svg|OUT.json] STMT\n");
    }
    if let Some(path) = &out {
        if let Err(e) = report::flame::check_path(std::path::Path::new(path)) {
            return Plan::text(format!("UsageError: cannot write {path}: {e}\n"));
        }
    }
    Plan::ask(
        Request::Run {
            source: stmt.to_owned(),
            profile: true,
        },
        move |r| {
            let Response::Ran {
                profile: Some(profile),
                ..
            } = r
            else {
                return Effect::Text(String::new());
            };
            let mut text = report::profile::format_profile(&profile, color);
            if let Some(path) = out {
                match report::flame::write(&profile, std::path::Path::new(&path)) {
                    Ok(()) => text.push_str(&format!("profile written to {path}\n")),
                    Err(e) => text.push_str(&format!("cannot write {path}: {e}\n")),
                }
            }
            Effect::Text(text)
        },
    )
}

/// The file `%run` ran last, for `%reload` (one per process, as the session is: the line REPL
/// and the TUI drive the same one).
static LAST_RUN: Mutex<Option<String>> = Mutex::new(None);

fn run(args: &str) -> Plan {
    if args.is_empty() {
        return Plan::text("UsageError: %run needs a file\n");
    }
    run_file(args.to_owned())
}

fn reload(args: &str) -> Plan {
    if !args.is_empty() {
        return run_file(args.to_owned());
    }
    let last = LAST_RUN.lock().ok().and_then(|l| l.clone());
    match last {
        Some(path) => run_file(path),
        None => Plan::text("UsageError: %reload needs a file (no %run yet)\n"),
    }
}

/// Runs the file at `path` in the session; a re-run says what it kept warm.
fn run_file(path: String) -> Plan {
    match std::fs::read_to_string(&path) {
        Ok(source) => {
            if let Ok(mut last) = LAST_RUN.lock() {
                *last = Some(path.clone());
            }
            Plan::ask(
                Request::RunFile {
                    filename: path,
                    source,
                    profile: false,
                },
                |r| match r {
                    Response::Ran {
                        outcome:
                            Outcome {
                                reload: Some(summary),
                                ..
                            },
                        ..
                    } => Effect::Text(report::reload::format_reload(&summary)),
                    _ => Effect::Text(String::new()),
                },
            )
        }
        Err(e) => Plan::text(format!(
            "ERROR: File `{path}` not found or unreadable ({e}).\n"
        )),
    }
}
