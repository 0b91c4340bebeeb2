//! `mma completions` and `mma man`: shell completion scripts (clap_complete) and man pages
//! (clap_mangen), both generated from the same clap definitions as the parser, so they cannot
//! disagree with it. `generated/completions` and `generated/man` are their committed copies.

use std::path::PathBuf;

use clap::{Args, CommandFactory as _, ValueEnum};

use super::{Cli, EXIT_OK, Failure, print_stdout, write_atomic};

/// A shell `mma completions` writes a script for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Shell {
    /// Bash (source it from `~/.bashrc` or put it in `bash-completion`'s directory).
    Bash,
    /// Zsh (save it as `_mma` in a directory of `$fpath`).
    Zsh,
    /// Fish (save it as `~/.config/fish/completions/mma.fish`).
    Fish,
    /// PowerShell (dot-source it from `$PROFILE`).
    Powershell,
    /// Elvish (`eval` it from `rc.elv`).
    Elvish,
}

impl Shell {
    fn generator(self) -> clap_complete::Shell {
        match self {
            Self::Bash => clap_complete::Shell::Bash,
            Self::Zsh => clap_complete::Shell::Zsh,
            Self::Fish => clap_complete::Shell::Fish,
            Self::Powershell => clap_complete::Shell::PowerShell,
            Self::Elvish => clap_complete::Shell::Elvish,
        }
    }
}

#[derive(Debug, Args)]
#[command(after_long_help = "\
Install (the scripts are also committed under generated/completions):
  bash:        mma completions bash > ~/.local/share/bash-completion/completions/mma
  zsh:         mma completions zsh > ~/.zfunc/_mma   (with `fpath+=~/.zfunc` before `compinit`)
  fish:        mma completions fish > ~/.config/fish/completions/mma.fish
  PowerShell:  mma completions powershell | Out-String | Invoke-Expression   (in $PROFILE)
  elvish:      eval (mma completions elvish | slurp)   (in rc.elv)")]
pub(super) struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    shell: Shell,
}

#[derive(Debug, Args)]
pub(super) struct ManArgs {
    /// Write `mma.1` and one page per subcommand (`mma-plan.1`, `mma-table-check.1`, …) into
    /// this directory (created if missing) instead of printing `mma.1`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// The completion script for `shell`.
fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell.generator(), &mut cmd, "mma", &mut out);
    out
}

/// Every man page: `mma.1` first, then each visible subcommand's, depth first, as
/// (file name, roff text).
fn man_pages() -> Result<Vec<(String, Vec<u8>)>, Failure> {
    fn collect(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> Result<(), Failure> {
        let man =
            clap_mangen::Man::new(cmd.clone()).source(concat!("mma ", env!("CARGO_PKG_VERSION")));
        let mut text = Vec::new();
        man.render(&mut text)
            .map_err(|e| Failure::usage(format!("cannot render the man page: {e}")))?;
        pages.push((man.get_filename(), text));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages)?;
    Ok(pages)
}

pub(super) fn completions(args: &CompletionsArgs) -> Result<u8, Failure> {
    let text = String::from_utf8_lossy(&script(args.shell)).into_owned();
    print_stdout(&text)?;
    Ok(EXIT_OK)
}

pub(super) fn man(args: &ManArgs) -> Result<u8, Failure> {
    let pages = man_pages()?;
    let Some(dir) = &args.out else {
        let text = pages
            .first()
            .map(|(_, text)| String::from_utf8_lossy(text).into_owned())
            .unwrap_or_default();
        print_stdout(&text)?;
        return Ok(EXIT_OK);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    for (name, text) in &pages {
        write_atomic(&dir.join(name), text)?;
    }
    super::inform(&format!(
        "wrote {} man pages to {}\n",
        pages.len(),
        dir.display()
    ));
    Ok(EXIT_OK)
}
