//! kubectl's table output: cells separated by tabs and aligned by
//! cli-runtime's tabwriter (min width 6, padding 3, the last column never
//! padded), and k8s.io/apimachinery's `HumanDuration` for ages.

use crate::model::base::time::SimDuration;

/// cli-runtime's `tabwriterMinWidth`.
const MIN_WIDTH: usize = 6;
/// cli-runtime's `tabwriterPadding`.
const PADDING: usize = 3;

/// Align rows as kubectl's tabwriter does.
pub fn render(rows: &[Vec<String>]) -> String {
    render_with(rows, PADDING, "")
}

/// Align rows with the given padding and line indent (`kubectl describe`
/// uses padding 2 and indents its Events table by two spaces).
pub fn render_with(rows: &[Vec<String>], padding: usize, indent: &str) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for r in rows {
        for (i, c) in r.iter().enumerate().take(r.len().saturating_sub(1)) {
            widths[i] = widths[i]
                .max(c.chars().count() + padding)
                .max(if padding == PADDING { MIN_WIDTH } else { 0 });
        }
    }
    let mut out = String::new();
    for r in rows {
        out.push_str(indent);
        for (i, c) in r.iter().enumerate() {
            if i + 1 == r.len() {
                out.push_str(c);
            } else {
                out.push_str(c);
                out.push_str(&" ".repeat(widths[i] - c.chars().count()));
            }
        }
        out.push('\n');
    }
    out
}

/// Go's text/tabwriter over tab-separated text: a column block is a run of
/// consecutive lines that have a cell in that column, and a line without
/// one ends the block (so `kubectl describe`'s sections align separately).
/// Cells are padded to the block's widest cell plus `padding`; the last cell
/// of a line is never padded.
pub fn tabwrite(text: &str, min_width: usize, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text
        .strip_suffix('\n')
        .unwrap_or(text)
        .split('\n')
        .map(|l| l.split('\t').collect())
        .collect();
    format_blocks(&lines, min_width, padding)
}

/// One pending call of Go's recursive `(*Writer).format`: the lines
/// `line0..line1` of a column block, scanned up to `this`.
struct Block {
    line0: usize,
    this: usize,
    line1: usize,
}

/// Go's `(*Writer).format`, with its recursion (one level per column) kept
/// on an explicit stack, so a line of 10 000 tabs needs no deep call stack.
fn format_blocks(lines: &[Vec<&str>], min_width: usize, padding: usize) -> String {
    let mut out = String::new();
    let mut widths: Vec<usize> = Vec::new();
    let mut stack = vec![Block {
        line0: 0,
        this: 0,
        line1: lines.len(),
    }];
    while let Some(block) = stack.last_mut() {
        let column = widths.len();
        let mut inner = None;
        while block.this < block.line1 {
            if column + 1 >= lines[block.this].len() {
                block.this += 1;
                continue;
            }
            write_lines(lines, &widths, block.line0, block.this, &mut out);
            let start = block.this;
            let mut width = min_width;
            while block.this < block.line1 && column + 1 < lines[block.this].len() {
                width = width.max(lines[block.this][column].chars().count() + padding);
                block.this += 1;
            }
            block.line0 = block.this;
            widths.push(width);
            inner = Some(Block {
                line0: start,
                this: start,
                line1: block.this,
            });
            break;
        }
        match inner {
            Some(b) => stack.push(b),
            None => {
                write_lines(lines, &widths, block.line0, block.line1, &mut out);
                stack.pop();
                widths.pop();
            }
        }
    }
    out
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], from: usize, to: usize, out: &mut String) {
    for cells in &lines[from..to] {
        for (j, c) in cells.iter().enumerate() {
            out.push_str(c);
            if j + 1 < cells.len() {
                let w = widths.get(j).copied().unwrap_or(0);
                out.push_str(&" ".repeat(w.saturating_sub(c.chars().count())));
            }
        }
        out.push('\n');
    }
}

/// `duration.HumanDuration`.
pub fn human_duration(d: SimDuration) -> String {
    let secs = d.as_secs();
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let cases = [
            (0, "0s"),
            (45, "45s"),
            (119, "119s"),
            (120, "2m"),
            (125, "2m5s"),
            (192, "3m12s"),
            (600, "10m"),
            (3 * 3600 + 300, "3h5m"),
            (9 * 3600, "9h"),
            (4 * 86400 + 21 * 3600, "4d21h"),
            (30 * 86400, "30d"),
        ];
        for (s, e) in cases {
            assert_eq!(human_duration(SimDuration::from_secs(s)), e, "{s}");
        }
    }

    #[test]
    fn tabwriter_blocks() {
        let text =
            "Name:\tx\nService Account:\tdefault\nIPs:\n  IP:\t10.0.0.1\nA:\tb\tc\nlong-cell:\td\n";
        assert_eq!(
            tabwrite(text, 0, 2),
            "Name:             x\nService Account:  default\nIPs:\n  IP:       10.0.0.1\nA:          b  c\nlong-cell:  d\n"
        );
    }

    /// A line of 10 000 tabs (a command in `kubectl describe`) overflowed
    /// the stack: Go's tabwriter recurses once per column.
    #[test]
    fn tabwriter_10_000_columns_on_a_small_stack() {
        let text = format!("Command:\n  sleep{}\nEnd:\tx\n", "\t".repeat(10_000));
        let out = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || tabwrite(&text, 0, 2))
            .unwrap()
            .join()
            .unwrap();
        let want = format!("Command:\n  sleep  {}\nEnd:     x\n", "  ".repeat(9_999));
        assert_eq!(out, want);
    }

    #[test]
    fn alignment() {
        let rows = vec![
            vec![
                "NAME".into(),
                "READY".into(),
                "STATUS".into(),
                "RESTARTS".into(),
                "AGE".into(),
            ],
            vec![
                "busybox".into(),
                "0/1".into(),
                "CrashLoopBackOff".into(),
                "4 (45s ago)".into(),
                "3m12s".into(),
            ],
            vec![
                "web-1".into(),
                "1/1".into(),
                "Running".into(),
                "0".into(),
                "10m".into(),
            ],
        ];
        assert_eq!(
            render(&rows),
            "NAME      READY   STATUS             RESTARTS      AGE\nbusybox   0/1     CrashLoopBackOff   4 (45s ago)   3m12s\nweb-1     1/1     Running            0             10m\n"
        );
    }
}
