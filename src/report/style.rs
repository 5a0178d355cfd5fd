//! Colour and width decisions for terminal output, made once by the CLI and passed down, so
//! renderers never look at the environment themselves (and tests can force either choice).

/// How to render terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
    /// Width in columns that tables must fit.
    pub width: u16,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// The `--color` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl Style {
    /// Decide colour and width for output going to stdout.
    ///
    /// Colour: `always`/`never` win; `auto` means colour only when stdout is a terminal and
    /// `NO_COLOR` is unset (or empty), as <https://no-color.org> asks.
    /// Width: the terminal's width when stdout is one, else `COLUMNS`, else 100; never under 60.
    pub fn detect(choice: ColorChoice, width: Option<u16>) -> Style {
        use std::io::IsTerminal;
        let tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color,
        };
        let width = width
            .or_else(|| {
                if tty {
                    terminal_size::terminal_size().map(|(w, _)| w.0)
                } else {
                    None
                }
            })
            .or_else(|| std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()))
            .unwrap_or(100)
            .max(60);
        Style { color, width }
    }
}
