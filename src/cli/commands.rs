//! What each command of the command line does: serve, migrate, load the
//! demo, manage networks and users. `main.rs` only parses and calls [`run`].

use crate::{
    auth::{
        self,
        domain::{Email, NetworkRole},
    },
    cli::{Cli, Command, DemoCommand, NetworkCommand, UserCommand},
    config::Settings,
    db::{Db, now},
    demo, networks,
    startup::{Application, shutdown_signal},
    telemetry,
    web::random_token,
};

/// Runs one parsed command line to its end.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut settings = Settings::load(cli.config.as_deref())?;
    if let Some(url) = cli.database_url {
        settings.database_url = url;
    }
    telemetry::init(&settings.log_format);
    match cli.command {
        Command::Serve {
            bind,
            demo: load_demo,
        } => {
            if let Some(bind) = bind {
                settings.bind = bind;
            }
            let app = Application::build(settings).await?;
            let addr = app.local_addr()?;
            if load_demo {
                let summary = demo::load(&app.state().db).await?;
                println!("{}", summary.render(&format!("http://{addr}")));
            }
            println!("Lernregion läuft auf http://{addr} (Strg+C beendet)");
            app.run_until(shutdown_signal()).await
        }
        Command::Migrate => {
            let db = Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            println!("migrations applied ({})", db.backend_name());
            Ok(())
        }
        Command::Demo {
            command: DemoCommand::Load,
        } => {
            let db = Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            let summary = demo::load(&db).await?;
            println!("{}", summary.render(&settings.public_base_url()));
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    name,
                    admin,
                    coordinator,
                },
        } => {
            // Check the input before touching the database.
            let email = Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let name = crate::web::forms::required_text(&name, 100).map_err(|_| {
                anyhow::anyhow!("the account needs a name (--name, at most 100 characters)")
            })?;
            let db = Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            let network = match &coordinator {
                Some(slug) => Some(
                    networks::queries::network_by_slug(&db, slug)
                        .await?
                        .ok_or_else(|| {
                            anyhow::anyhow!("no network with the short name {slug:?}")
                        })?,
                ),
                None => None,
            };
            let password = random_token(9);
            let hash = auth::password::hash(password.clone()).await?;
            let id = auth::queries::create_user(
                &db,
                &email,
                name.trim(),
                &hash,
                "de",
                Some(now()),
                now(),
            )
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    anyhow::anyhow!("an account with this address exists already")
                }
                e => e.into(),
            })?;
            if admin {
                auth::queries::set_admin(&db, id, true).await?;
            }
            if let Some(n) = network {
                networks::queries::grant_network_role(&db, n.id, id, NetworkRole::Coordinator)
                    .await?;
            }
            println!(
                "account created: {}\npassword: {password}\n(change it after the first login via \"Passwort vergessen\")",
                email.as_str()
            );
            Ok(())
        }
        Command::User {
            command: UserCommand::Token { email, name },
        } => {
            let email = Email::parse(&email)
                .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {email}"))?;
            let name = crate::web::forms::required_text(&name, 100).map_err(|_| {
                anyhow::anyhow!("the token needs a name (--name, at most 100 characters)")
            })?;
            let db = Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            let user = auth::queries::user_by_email(&db, &email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account with the address {}", email.as_str()))?;
            println!(
                "{}",
                auth::queries::issue_api_token(&db, user.id, &name).await?
            );
            Ok(())
        }
        Command::Network {
            command:
                NetworkCommand::Create {
                    slug,
                    name,
                    districts,
                    contact_email,
                    description,
                    min_group_size,
                },
        } => {
            let slug = networks::domain::parse_network_slug(&slug)
                .map_err(|_| anyhow::anyhow!("the short name {slug:?} may hold only lower-case letters, digits and single dashes (2 to 40 characters)"))?;
            let name = name.trim();
            anyhow::ensure!(
                !name.is_empty() && name.chars().count() <= 200,
                "the network needs a name (at most 200 characters)"
            );
            let districts = networks::domain::parse_district_list(&districts).map_err(|bad| match bad.as_str() {
                "" => anyhow::anyhow!("name at least one district (official key such as 16067, or its name)"),
                bad => anyhow::anyhow!("unknown district {bad:?}: use the official key (AGS) or the exact name, see /datenquellen"),
            })?;
            let contact_email = match contact_email.trim() {
                "" => String::new(),
                e => Email::parse(e)
                    .map_err(|_| anyhow::anyhow!("not a valid e-mail address: {e}"))?
                    .as_str()
                    .to_owned(),
            };
            let db = Db::connect(&settings.database_url).await?;
            db.migrate().await?;
            let id = networks::queries::create_network(
                &db,
                &slug,
                name,
                description.trim(),
                &contact_email,
                &districts,
                now(),
            )
            .await
            .map_err(|e| match e {
                sqlx::Error::Database(d) if d.is_unique_violation() => {
                    anyhow::anyhow!("a network with the short name {slug:?} exists already")
                }
                e => e.into(),
            })?;
            networks::queries::set_protection(
                &db,
                id,
                min_group_size,
                i64::from(crate::disclosure::Noise::DEFAULT_RANGE),
            )
            .await?;
            println!(
                "network created: {} ({} districts, figures cover at least {min_group_size} people) at /n/{slug}",
                name,
                districts.len()
            );
            println!("next: lernregion user create --email … --name … --coordinator {slug}");
            Ok(())
        }
        Command::Backup { file } => {
            // Connecting would create a missing SQLite file: a mistyped URL
            // must not turn into an empty "backup".
            if settings.database_url.starts_with("sqlite:") {
                let options = <sqlx::sqlite::SqliteConnectOptions as std::str::FromStr>::from_str(
                    &settings.database_url,
                )?;
                let source = options.get_filename();
                anyhow::ensure!(
                    source.exists(),
                    "there is no database at {}; check --database-url",
                    source.display()
                );
            }
            let db = Db::connect(&settings.database_url).await?;
            db.backup_sqlite(&file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
    }
}
