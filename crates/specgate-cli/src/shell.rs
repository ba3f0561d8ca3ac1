//! `specgate completions SHELL` and `specgate man`: generated from the same clap
//! definitions as `--help`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory, ValueEnum};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell to generate completions for
    pub shell: Shell,
}

#[derive(Args)]
pub struct ManArgs {
    /// Write one page per command (specgate.1, specgate-check.1, …) into this directory,
    /// instead of printing specgate.1 to stdout
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> u8 {
    use clap_complete::Shell as S;
    let shell = match args.shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut cmd = crate::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "specgate", &mut out);
    match std::io::stdout().write_all(&out) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot write completions: {e}");
            2
        }
    }
}

pub fn man(args: ManArgs) -> u8 {
    let cmd = crate::Cli::command();
    match args.out_dir {
        None => {
            let mut out = Vec::new();
            if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
                eprintln!("error: cannot render the man page: {e}");
                return 2;
            }
            match std::io::stdout().write_all(&out) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("error: {}: {e}", dir.display());
                return 2;
            }
            match write_pages(&cmd, "specgate", &dir) {
                Ok(n) => {
                    eprintln!("wrote {n} man pages to {}", dir.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: {}: {e}", dir.display());
                    2
                }
            }
        }
    }
}

/// Writes `name.1` for `cmd` and, recursively, `name-sub.1` for its subcommands.
fn write_pages(cmd: &clap::Command, name: &str, dir: &std::path::Path) -> std::io::Result<usize> {
    let cmd = cmd.clone().name(name.to_string());
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    crate::write::write_atomic(&dir.join(format!("{name}.1")), &out)?;
    let mut n = 1;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        n += write_pages(sub, &format!("{name}-{}", sub.get_name()), dir)?;
    }
    Ok(n)
}
