//! Progress of long runs on the terminal: rows and rows per second per table, and nothing at
//! all when standard error is not a terminal.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress line per table, drawn on standard error when it is a terminal.
pub(crate) struct TableProgress {
    bar: ProgressBar,
    table: String,
}

impl TableProgress {
    /// A progress display that draws only on a terminal.
    pub(crate) fn new() -> TableProgress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg:>20} [{bar:30}] {human_pos}/{human_len} rows, {per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        TableProgress {
            bar,
            table: String::new(),
        }
    }

    /// Rows of `table` done so far, out of `total`.
    pub(crate) fn generated(&mut self, table: &str, done: usize, total: usize) {
        if self.table != table {
            self.bar.reset();
            self.bar.set_length(total as u64);
            self.bar.set_message(table.to_string());
            self.table = table.to_string();
        }
        self.bar.set_position(done as u64);
    }

    /// `rows` of `table` loaded in `elapsed`.
    pub(crate) fn loaded(&mut self, table: &str, rows: usize, elapsed: Duration) {
        self.generated(table, rows, rows);
        let per_second = if elapsed.as_secs_f64() > 0.0 {
            rows as f64 / elapsed.as_secs_f64()
        } else {
            0.0
        };
        self.bar
            .println(format!("{table}: {rows} rows ({per_second:.0} rows/s)"));
    }

    /// Removes the progress line.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
