//! The command line. `lernregion --help` is the first thing a newcomer reads.

mod commands;

pub use commands::run;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "lernregion",
    version,
    about = "Lernregion – the platform for regional continuing-education networks",
    long_about = "Lernregion runs a regional continuing-education network (Weiterbildungsverbund): \
partner directory and maps, accounts and organisations, and the JSON API.\n\n\
Quick start with demo data on an embedded SQLite file:\n    lernregion serve --demo\n\n\
Settings come from an optional TOML file (--config) and LERNREGION_* environment variables; \
see the README for the full list."
)]
pub struct Cli {
    /// TOML file with settings (LERNREGION_* variables override it).
    #[arg(long, short, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Database: sqlite://FILE (default sqlite://lernregion.db) or postgres://USER@HOST/DB.
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the web server (runs pending migrations first).
    Serve {
        /// Address to listen on, e.g. 0.0.0.0:8080 (default 127.0.0.1:8080).
        #[arg(long, value_name = "ADDR")]
        bind: Option<std::net::SocketAddr>,
        /// Load the demo region (Nordthüringen) if it is not there yet, and print its logins.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Demo data.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// Manage networks (one installation can host several).
    Network {
        #[command(subcommand)]
        command: NetworkCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Write a consistent snapshot of the SQLite database to FILE (PostgreSQL: use pg_dump).
    Backup {
        /// Target file; must not exist yet.
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum DemoCommand {
    /// Load the demo networks, organisations and logins (skipped if already loaded).
    Load,
}

#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Create a network with its districts, e.g.
    /// `network create --slug nordthueringen --name "Weiterbildungsverbund Nordthüringen" --districts "Gotha,Nordhausen,16061"`.
    Create {
        /// Short name used in addresses (/n/SLUG): lower-case letters, digits, dashes.
        #[arg(long)]
        slug: String,
        /// Full name shown on every page.
        #[arg(long)]
        name: String,
        /// Districts covered: official keys (AGS, e.g. 16067) or exact names, comma-separated.
        #[arg(long)]
        districts: String,
        /// Address of the coordination office; it receives membership applications.
        #[arg(long, default_value = "")]
        contact_email: String,
        /// A sentence or two about the network for its home page.
        #[arg(long, default_value = "")]
        description: String,
        /// Smallest group any published figure may describe (k-anonymity, 3 to 50).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(i64).range(crate::networks::domain::MIN_GROUP_SIZE..=crate::networks::domain::MAX_GROUP_SIZE))]
        min_group_size: i64,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a confirmed account, e.g. the first coordinator. Prints a generated password.
    Create {
        #[arg(long)]
        email: String,
        /// Name shown to others.
        #[arg(long)]
        name: String,
        /// Make the account a platform administrator (may do everything).
        #[arg(long)]
        admin: bool,
        /// Make the account coordinator of the network with this short name (slug).
        #[arg(long, value_name = "NETWORK")]
        coordinator: Option<String>,
    },
    /// Create an API token for an existing account (scripts, the API contract test).
    /// Prints the token once; it is stored only as its hash.
    Token {
        #[arg(long)]
        email: String,
        /// What the token is for, shown under "Konto → API-Schlüssel".
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_serve_demo() {
        let cli = Cli::parse_from([
            "lernregion",
            "serve",
            "--demo",
            "--database-url",
            "sqlite://x.db",
        ]);
        assert!(matches!(cli.command, Command::Serve { demo: true, .. }));
        assert_eq!(cli.database_url.as_deref(), Some("sqlite://x.db"));
    }
}
