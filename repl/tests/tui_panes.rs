//! Every pane of the TUI inspector drawn on ratatui's `TestBackend` from real engine data (a
//! session that ran real code), compared with snapshots in `tests/snapshots/` — rewrite them
//! with `ADDER_UPDATE_SNAPSHOTS=1` after a deliberate change and review the diff. Panes whose
//! content is sampled (times) are checked for what is exact (names, call counts).

use engine::session::report::ProfileReport;
use engine::session::Session;
use engine::vm::host::CaptureHost;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::Terminal;
use repl::host::Stream;
use repl::tui::app::{App, Focus, Key};
use repl::tui::ui;
use std::path::PathBuf;
use std::time::Instant;

const PROGRAM: &str = "\
class P:
    def __init__(self, x):
        self.x = x
def work(n):
    total = 0
    for i in range(n):
        total = total + P(i).x
    return total
def mixed(a, b):
    return a + b
";

/// A session that defined and ran the program, and the app fed from it.
fn session_and_app() -> (Session, App, ProfileReport) {
    let mut s = Session::new(Box::new(CaptureHost::default()));
    let out = s.run_file(PROGRAM, "prog.py", false);
    assert_eq!(out.status, engine::session::Status::Ok);
    let before = s.call_counts();
    let out = s.run_cell("work(2000)", true);
    let profile = s
        .live_profile()
        .lock()
        .map(|p| p.clone())
        .unwrap_or_default();
    let report = s.profile_report(&profile, out.elapsed, &before);
    // A family failure: int + str fails to specialize.
    for _ in 0..3 {
        s.run_cell(
            "try:\n    mixed(1, 'a')\nexcept TypeError:\n    pass\n",
            false,
        );
    }
    let mut app = App::default();
    app.set_functions(s.functions());
    app.stats = Some(s.vm.spec_report());
    app.update_report(&report);
    (s, app, report)
}

fn render(width: u16, height: u16, draw: impl Fn(&mut ratatui::Frame<'_>, Rect)) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    t.draw(|f| draw(f, f.area())).expect("draw");
    let buffer = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn snapshot(name: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("ADDER_UPDATE_SNAPSHOTS").is_some() || !path.exists() {
        std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        std::fs::write(&path, got).expect("write snapshot");
        return;
    }
    let want = std::fs::read_to_string(&path).expect("snapshot");
    assert_eq!(got, want, "pane {name} differs from {}", path.display());
}

fn select(app: &mut App, qualname: &str) {
    let i = app
        .functions
        .iter()
        .position(|f| f.info.qualname == qualname)
        .expect("function known");
    app.selected_function = i;
}

#[test]
fn quickening_pane_shows_forms_states_and_the_selected_cache() {
    let (_s, mut app, _) = session_and_app();
    select(&mut app, "work");
    app.focus = Focus::Quickening;
    // Select the specialized attribute load and show its cache.
    let at = app
        .selected()
        .expect("work")
        .info
        .instructions
        .iter()
        .position(|i| i.current == "LOAD_ATTR_INSTANCE_VALUE");
    app.selected_instr = at.expect("LOAD_ATTR specialized");
    let got = render(100, 30, |f, a| ui::draw_quickening(f, &app, a));
    assert!(got.contains("LOAD_ATTR_INSTANCE_VALUE"), "{got}");
    assert!(got.contains("cache: index 0"), "{got}");
    snapshot("quickening_work", &got);
    // A failed instruction shows why.
    select(&mut app, "mixed");
    let at = app
        .selected()
        .expect("mixed")
        .info
        .instructions
        .iter()
        .position(|i| i.original == "BINARY_OP");
    app.selected_instr = at.expect("BINARY_OP");
    let got = render(100, 14, |f, a| ui::draw_quickening(f, &app, a));
    assert!(got.contains("failed"), "{got}");
    snapshot("quickening_mixed", &got);
}

#[test]
fn stats_pane_lists_families_and_failure_reasons() {
    let (_s, app, _) = session_and_app();
    let got = render(90, 16, |f, a| ui::draw_stats(f, &app, a));
    assert!(got.contains("LOAD_ATTR"), "{got}");
    assert!(got.contains("failed"), "{got}");
    snapshot("stats", &got);
}

#[test]
fn profile_pane_shows_exact_calls() {
    let (_s, app, report) = session_and_app();
    let got = render(90, 10, |f, a| ui::draw_profile(f, &app, a));
    assert!(got.contains("calls"), "{got}");
    // Sampled times vary; the call counts are exact (when a sample caught the function).
    for f in &report.functions {
        if f.qualname == "P.__init__" {
            assert_eq!(f.calls, Some(2000));
            assert!(got.contains("2000"), "{got}");
        }
        if f.qualname == "work" {
            assert_eq!(f.calls, Some(1));
        }
    }
    assert!(
        got.contains(&format!("Profile — {} samples", report.samples)),
        "{got}"
    );
}

#[test]
fn input_and_output_panes() {
    let mut app = App::default();
    for c in "def f(x):".chars() {
        app.key(Key::Char(c));
    }
    app.key(Key::Enter);
    for c in "return (x + 1)".chars() {
        app.key(Key::Char(c));
    }
    let got = render(40, 5, |f, a| ui::draw_input(f, &app, a));
    snapshot("input", &got);
    assert_eq!(app.input_text(), "def f(x):\n    return (x + 1)");
    // The first Enter opened a continuation line; an empty line runs the block.
    app.key(Key::Enter);
    let action = app.key(Key::Enter);
    assert_eq!(
        action,
        repl::tui::app::Action::Run("def f(x):\n    return (x + 1)".into())
    );
    app.push_output(Stream::Stdout, "partial ");
    app.push_output(Stream::Stdout, "line\nnext\n");
    app.push_output(
        Stream::Stderr,
        "Traceback (most recent call last):\nValueError: x\n",
    );
    let got = render(40, 7, |f, a| ui::draw_output(f, &app, a));
    snapshot("output", &got);
}

#[test]
fn the_whole_screen_with_its_footer() {
    let (_s, mut app, _) = session_and_app();
    select(&mut app, "work");
    app.focus = Focus::Input;
    app.update_report(&ProfileReport::default());
    let got = render(160, 40, |f, _| ui::draw(f, &app));
    assert!(got.contains(ui::FOOTER.trim()), "{got}");
    assert!(got.contains("Quickening — work (prog.py:4)"), "{got}");
    assert!(got.contains("Family stats"), "{got}");
    assert!(got.contains("Input"), "{got}");
}

/// Keypress-to-frame time with a 10,000-instruction function in the quickening pane
/// (`cargo test --release -p adder-repl --test tui_panes -- --ignored --nocapture`).
#[test]
#[ignore]
fn redraw_benchmark() {
    let mut source = String::from("def big(x):\n");
    for _ in 0..2500 {
        source.push_str("    x = x + 1\n");
    }
    source.push_str("    return x\nbig(0)\n");
    let mut s = Session::new(Box::new(CaptureHost::default()));
    s.run_file(&source, "big.py", false);
    let mut app = App::default();
    app.set_functions(s.functions());
    select(&mut app, "big");
    let n = app.selected().expect("big").info.instructions.len();
    assert!(n >= 10_000, "{n} instructions");
    app.focus = Focus::Quickening;
    app.stats = Some(s.vm.spec_report());
    // A real terminal backend writing escape sequences into a buffer, 160x45.
    let backend = ratatui::backend::CrosstermBackend::new(Vec::<u8>::new());
    let mut t = Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 160, 45)),
        },
    )
    .expect("terminal");
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    for k in 0..500 {
        let started = Instant::now();
        let cpu_started = thread_cpu_ms();
        app.key(if k % 100 < 50 { Key::PageDown } else { Key::Up });
        t.draw(|f| ui::draw(f, &app)).expect("draw");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        cpu_times.push(thread_cpu_ms() - cpu_started);
    }
    // Wall time includes waiting for a core on a loaded machine; the thread's CPU time is
    // the work itself.
    for (what, times) in [("wall", &mut times), ("cpu", &mut cpu_times)] {
        times.sort_by(|a, b| a.total_cmp(b));
        let mean = times.iter().sum::<f64>() / times.len() as f64;
        println!(
            "{n} instructions: keypress to frame ({what}) mean {mean:.3} ms, median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            times[times.len() / 2],
            times[times.len() * 99 / 100],
            times[times.len() - 1]
        );
    }
}

/// This thread's CPU time so far, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a pointer to a live timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

#[test]
fn inputs_entered_while_code_runs_wait_their_turn() {
    let mut app = App::default();
    let type_line = |app: &mut App, text: &str| {
        for c in text.chars() {
            app.key(Key::Char(c));
        }
        app.key(Key::Enter)
    };
    assert_eq!(
        type_line(&mut app, "x = 1"),
        repl::tui::app::Action::Run("x = 1".into())
    );
    app.running = Some("x = 1".into());
    // Typed ahead: queued whole, the editor emptied, nothing run yet.
    assert_eq!(
        type_line(&mut app, "print(x)"),
        repl::tui::app::Action::None
    );
    assert_eq!(type_line(&mut app, "y = 2"), repl::tui::app::Action::None);
    assert_eq!(app.input_text(), "");
    assert_eq!(app.queued, ["print(x)", "y = 2"]);
    let got = render(60, 3, |f, a| ui::draw_input(f, &app, a));
    assert!(
        got.contains("running (Ctrl-C interrupts), 2 queued"),
        "{got}"
    );
    // Ctrl-C interrupts the run and drops what was typed ahead.
    assert_eq!(app.key(Key::CtrlC), repl::tui::app::Action::Interrupt);
    assert!(app.queued.is_empty());
}
