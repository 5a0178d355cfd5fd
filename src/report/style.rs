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
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
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

/// Display width of `s` in terminal columns, ignoring ANSI SGR sequences (`ESC [ … m`).
pub fn visible_width(s: &str) -> usize {
    let mut width = 0;
    let mut rest = s;
    while let Some(i) = rest.find('\x1b') {
        width += unicode_width::UnicodeWidthStr::width(&rest[..i]);
        rest = &rest[i..];
        match rest.find('m') {
            Some(j) => rest = &rest[j + 1..],
            None => return width,
        }
    }
    width + unicode_width::UnicodeWidthStr::width(rest)
}

/// Word-wrap `text` to `width` columns (by visible width, so coloured text wraps right),
/// continuation lines indented by `indent` spaces. Words longer than a line stay whole.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = visible_width(word);
        if line > 0 && line + 1 + w > width {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            line = indent;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_visible_width() {
        assert_eq!(wrap("aa bb cc", 5, 1), "aa bb\n cc");
        let red = "\x1b[31mred\x1b[0m";
        assert_eq!(visible_width(red), 3);
        assert_eq!(wrap(&format!("{red} {red}"), 7, 0), format!("{red} {red}"));
        assert_eq!(visible_width("Ḥizb"), 4);
    }
}
