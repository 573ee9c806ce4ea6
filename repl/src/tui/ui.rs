//! Drawing the inspector: input editor and output on the left; live profile, quickening
//! view of the selected function and family stats on the right; the keys in a footer. Each
//! pane draws only the rows it shows, so a 10,000-instruction function costs no more per
//! frame than a small one.

use super::app::{App, Focus};
use crate::highlight::{classify, Class};
use crate::host::Stream;
use engine::session::timing::format_time;
use engine::vm::quicken::inspect::{InstrInfo, InstrState};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

pub const FOOTER: &str = " Enter run · Tab/Shift-Tab pane · ↑↓ PgUp/PgDn select/scroll · Ctrl-C interrupt · Ctrl-L clear · Esc/Ctrl-D quit";

/// Draws the whole screen.
pub fn draw(f: &mut Frame<'_>, app: &App) {
    let [main, footer] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(f.area());
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main);
    let input_height = (app.input.len() as u16 + 2).clamp(3, 12);
    let [input, output] =
        Layout::vertical([Constraint::Length(input_height), Constraint::Min(3)]).areas(left);
    let [profile, quickening, stats] = Layout::vertical([
        Constraint::Percentage(30),
        Constraint::Percentage(45),
        Constraint::Percentage(25),
    ])
    .areas(right);
    draw_input(f, app, input);
    draw_output(f, app, output);
    draw_profile(f, app, profile);
    draw_quickening(f, app, quickening);
    draw_stats(f, app, stats);
    f.render_widget(
        Paragraph::new(FOOTER).style(Style::new().add_modifier(Modifier::REVERSED)),
        footer,
    );
}

fn block(title: String, focused: bool) -> Block<'static> {
    let style = if focused {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(title)
}

fn class_style(class: Class) -> Style {
    match class {
        Class::Keyword => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Class::Builtin => Style::new().fg(Color::Cyan),
        Class::String => Style::new().fg(Color::Green),
        Class::Number => Style::new().fg(Color::Yellow),
        Class::Comment => Style::new().fg(Color::DarkGray),
        Class::Magic => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        Class::Bracket => Style::new()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    }
}

pub fn draw_input(f: &mut Frame<'_>, app: &App, area: Rect) {
    let title = match &app.running {
        Some(_) if !app.queued.is_empty() => format!(
            " Input — running (Ctrl-C interrupts), {} queued ",
            app.queued.len()
        ),
        Some(_) => " Input — running (Ctrl-C interrupts) ".to_owned(),
        None => " Input ".to_owned(),
    };
    let text = app.input_text();
    let (row, col) = app.cursor;
    let cursor_offset: usize = app.input[..row].iter().map(|l| l.len() + 1).sum::<usize>() + col;
    let classes = classify(&text, Some(cursor_offset));
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, line) in app.input.iter().enumerate() {
        let end = start + line.len();
        let prompt = if i == 0 { ">>> " } else { "... " };
        let mut spans = vec![Span::styled(prompt, Style::new().fg(Color::DarkGray))];
        let mut at = start;
        for &(s, e, class) in classes.iter().filter(|(s, e, _)| *e > start && *s < end) {
            let (s, e) = (s.max(start), e.min(end));
            if s > at {
                spans.push(Span::raw(text[at..s].to_owned()));
            }
            spans.push(Span::styled(text[s..e].to_owned(), class_style(class)));
            at = e;
        }
        if at < end {
            spans.push(Span::raw(text[at..end].to_owned()));
        }
        lines.push(Line::from(spans));
        start = end + 1;
    }
    let inner_height = area.height.saturating_sub(2) as usize;
    let skip = (row + 1).saturating_sub(inner_height);
    f.render_widget(
        Paragraph::new(lines)
            .scroll((skip as u16, 0))
            .block(block(title, app.focus == Focus::Input)),
        area,
    );
    if app.focus == Focus::Input {
        let x = area.x + 1 + 4 + app.input[row][..col].chars().count() as u16;
        let y = area.y + 1 + (row - skip) as u16;
        if x < area.right() && y < area.bottom() {
            f.set_cursor_position((x, y));
        }
    }
}

pub fn draw_output(f: &mut Frame<'_>, app: &App, area: Rect) {
    let height = area.height.saturating_sub(2) as usize;
    let width = area.width.saturating_sub(2) as usize;
    let end = app.output.len().saturating_sub(app.output_scroll);
    // Long lines wrap (a traceback's last line must be read whole): the rows of the last
    // lines, from the bottom up, until the pane is full.
    let mut rows: Vec<Line<'_>> = Vec::with_capacity(height);
    for (stream, text) in app.output[..end].iter().rev() {
        if rows.len() >= height {
            break;
        }
        let style = match stream {
            Stream::Stdout => Style::new(),
            Stream::Stderr => Style::new().fg(Color::Red),
        };
        for row in wrap(text, width).into_iter().rev() {
            rows.push(Line::styled(row, style));
        }
    }
    rows.reverse();
    let lines = rows.split_off(rows.len().saturating_sub(height));
    let title = if app.output_scroll > 0 {
        format!(" Output (↑{}) ", app.output_scroll)
    } else {
        " Output ".to_owned()
    };
    f.render_widget(
        Paragraph::new(lines).block(block(title, app.focus == Focus::Output)),
        area,
    );
}

pub fn draw_profile(f: &mut Frame<'_>, app: &App, area: Rect) {
    let title = format!(" Profile — {} samples ", app.samples);
    let mut lines = vec![Line::styled(
        format!("{:>8} {:>9} {:>9}  function", "calls", "self", "total"),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    let height = area.height.saturating_sub(3) as usize;
    let selected = app.selected().map(|f| f.info.qualname.as_str());
    for h in app.hot.iter().take(height) {
        let calls = h.calls.map_or("…".to_owned(), |c| c.to_string());
        let text = format!(
            "{calls:>8} {:>9} {:>9}  {}",
            format_time(h.self_time),
            format_time(h.total_time),
            h.name
        );
        let is_selected = selected.is_some_and(|q| h.name.starts_with(&format!("{q} (")));
        lines.push(if is_selected {
            Line::styled(text, Style::new().add_modifier(Modifier::REVERSED))
        } else {
            Line::raw(text)
        });
    }
    if app.hot.is_empty() {
        lines.push(Line::styled(
            "run something: every run here is profiled",
            Style::new().fg(Color::DarkGray),
        ));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(title, app.focus == Focus::Profile)),
        area,
    );
}

fn state_style(state: InstrState) -> Style {
    match state {
        InstrState::Specialized => Style::new().fg(Color::Green),
        InstrState::Warming | InstrState::Adaptive => Style::new().fg(Color::Yellow),
        InstrState::Failed => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        InstrState::Fused => Style::new().fg(Color::Cyan),
        InstrState::Plain | InstrState::Disabled => Style::new(),
    }
}

fn state_name(state: InstrState) -> &'static str {
    match state {
        InstrState::Plain => "",
        InstrState::Warming => "warming",
        InstrState::Adaptive => "adaptive",
        InstrState::Specialized => "specialized",
        InstrState::Failed => "failed",
        InstrState::Disabled => "disabled",
        InstrState::Fused => "fused",
    }
}

/// The detail lines for the selected instruction.
fn detail(i: &InstrInfo) -> Vec<String> {
    let mut out = vec![format!(
        "#{} line {}: {} → {}  counter {} attempts {} deopts {}",
        i.index, i.line, i.original, i.current, i.counter, i.attempts, i.deopts
    )];
    if !i.cache.is_empty() {
        out.push(format!("cache: {}", i.cache));
    }
    if let Some(reason) = &i.failure {
        out.push(format!("failed: {reason}"));
    }
    out
}

pub fn draw_quickening(f: &mut Frame<'_>, app: &App, area: Rect) {
    let Some(func) = app.selected() else {
        f.render_widget(
            Paragraph::new("no function yet: define one and call it").block(block(
                " Quickening ".to_owned(),
                app.focus == Focus::Quickening,
            )),
            area,
        );
        return;
    };
    let info = &func.info;
    let title = format!(
        " Quickening — {} ({}:{}) {}/{} specialized, {} failed [{}/{}] ",
        info.qualname,
        info.filename,
        info.first_line,
        info.specialized,
        info.specializable,
        info.failed,
        app.selected_function + 1,
        app.functions.len()
    );
    let instrs = &info.instructions;
    let selected = app.selected_instr.min(instrs.len().saturating_sub(1));
    let details = instrs.get(selected).map(detail).unwrap_or_default();
    let inner = area.height.saturating_sub(2) as usize;
    let rows = inner.saturating_sub(details.len() + 2);
    // A window of `rows` instructions that keeps the selection in view.
    let first = selected
        .saturating_sub(rows / 2)
        .min(instrs.len().saturating_sub(rows));
    let mut lines = vec![Line::styled(
        format!(
            "{:>5} {:>4}  {:<30} {:<11} {:>9} {:>7} {:>6}",
            "#", "line", "instruction", "state", "hits", "misses", "deopts"
        ),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    for i in instrs.iter().skip(first).take(rows) {
        let text = format!(
            "{:>5} {:>4}  {:<30} {:<11} {:>9} {:>7} {:>6}",
            i.index,
            i.line,
            i.current,
            state_name(i.state),
            i.hits,
            i.misses,
            i.deopts
        );
        let mut style = state_style(i.state);
        if i.index == selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::raw("─".repeat(area.width.saturating_sub(2) as usize)));
    for d in details {
        lines.push(Line::raw(d));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(title, app.focus == Focus::Quickening)),
        area,
    );
}

pub fn draw_stats(f: &mut Frame<'_>, app: &App, area: Rect) {
    let mut lines = vec![Line::styled(
        format!(
            "{:<18} {:>9} {:>8} {:>12} {:>9} {:>8}",
            "family", "attempts", "success", "hits", "misses", "hit rate"
        ),
        Style::new().add_modifier(Modifier::BOLD),
    )];
    if let Some(stats) = &app.stats {
        let mut body = Vec::new();
        for fam in stats.families.iter().filter(|f| f.attempts > 0) {
            let rate = fam.success_rate();
            let style = if rate >= 0.9 {
                Style::new().fg(Color::Green)
            } else if rate >= 0.5 {
                Style::new().fg(Color::Yellow)
            } else {
                Style::new().fg(Color::Red)
            };
            body.push(Line::styled(
                format!(
                    "{:<18} {:>9} {:>7.1}% {:>12} {:>9} {:>7.1}%",
                    fam.family,
                    fam.attempts,
                    100.0 * rate,
                    fam.hits,
                    fam.misses,
                    100.0 * fam.hit_rate()
                ),
                style,
            ));
            for (reason, n) in &fam.failure_reasons {
                body.push(Line::styled(
                    format!("  failed {n}×: {reason}"),
                    Style::new().fg(Color::DarkGray),
                ));
            }
        }
        let skip = app.stats_scroll.min(body.len().saturating_sub(1));
        lines.extend(body.into_iter().skip(skip));
    }
    f.render_widget(
        Paragraph::new(lines).block(block(
            " Family stats ".to_owned(),
            app.focus == Focus::Stats,
        )),
        area,
    );
}

/// `text` cut into rows at most `width` columns wide (at least one row, even when empty).
fn wrap(text: &str, width: usize) -> Vec<&str> {
    use unicode_width::UnicodeWidthChar;
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width.max(1) && i > start {
            rows.push(&text[start..i]);
            (start, used) = (i, 0);
        }
        used += w;
    }
    rows.push(&text[start..]);
    rows
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_lines_wrap() {
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("ab", 4), vec!["ab"]);
        assert_eq!(wrap("日本語", 4), vec!["日本", "語"]);
    }
}
