//! `framediff completions SHELL` and `framediff man`: generated from the same clap definitions
//! as the parser, so they can never list an option the binary does not have.

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::Shell;
use framediff::Result;

use super::{print, Cli};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: ShellArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct ManArgs {}

/// Print the completion script for `args.shell` (install: see the README).
pub fn completions(args: CompletionsArgs) -> Result<()> {
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
        ShellArg::Powershell => Shell::PowerShell,
    };
    let mut cmd = Cli::command();
    print(|w| {
        clap_complete::generate(shell, &mut cmd, "framediff", &mut WriteRef(w));
        Ok(())
    })
}

/// Print one roff man page: `framediff(1)` with a section per subcommand (and per
/// `lexicon` subcommand), so `framediff man | man -l -` shows everything in one page.
pub fn man(_args: ManArgs) -> Result<()> {
    let cmd = Cli::command();
    print(|w| {
        let page = clap_mangen::Man::new(cmd.clone());
        page.render_title(w)?;
        page.render_name_section(w)?;
        page.render_synopsis_section(w)?;
        page.render_description_section(w)?;
        page.render_options_section(w)?;
        for sub in cmd.get_subcommands() {
            section(w, sub, "framediff")?;
        }
        page.render_version_section(w)
    })
}

/// A subcommand's own synopsis, description and options under a `.SH` heading, then its
/// subcommands the same way.
fn section(w: &mut dyn Write, cmd: &clap::Command, parent: &str) -> std::io::Result<()> {
    if cmd.is_hide_set() {
        return Ok(());
    }
    let name = format!("{parent} {}", cmd.get_name());
    writeln!(w, ".SH \"{}\"", name.to_uppercase())?;
    // render the subcommand as if it were a program called "framediff lexicon check", so its
    // synopsis reads as the user types it
    let sub = cmd.clone().bin_name(name.clone());
    let page = clap_mangen::Man::new(sub.clone());
    let mut body = Vec::new();
    page.render_synopsis_section(&mut body)?;
    page.render_description_section(&mut body)?;
    page.render_options_section(&mut body)?;
    // nested sections: demote the generated headings to subsection headings
    let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
    w.write_all(body.as_bytes())?;
    for s in cmd.get_subcommands() {
        section(w, s, &name)?;
    }
    Ok(())
}

/// `clap_complete::generate` wants a sized `Write`.
struct WriteRef<'a>(&'a mut dyn Write);

impl Write for WriteRef<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
