//! Settings, loaded once at start from an optional TOML file and `LERNREGION_*`
//! environment variables (the variables win). Nothing else in the program reads
//! the environment.

use std::{fmt, net::SocketAddr, path::PathBuf};

use serde::Deserialize;

/// A string that never shows up in logs or debug output.
#[derive(Clone, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Outgoing mail through an SMTP relay. Without it, mail stays in the outbox
/// that coordinators can read in the web interface.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: Secret,
    /// `starttls` (default), `tls` or `none` (only for a relay on localhost).
    pub security: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Address and port to listen on.
    pub bind: SocketAddr,
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`.
    pub database_url: String,
    /// Public base URL used in mails and feeds, e.g. `https://lernregion.example`.
    pub base_url: String,
    /// Key for signing CSRF tokens. Generated per start when empty, which
    /// invalidates open forms after a restart but is otherwise safe.
    pub secret_key: Secret,
    /// Set the `Secure` flag on cookies; turn on when served behind TLS.
    pub secure_cookies: bool,
    /// Sender address of outgoing mail.
    pub mail_from: String,
    pub smtp: Option<SmtpSettings>,
    /// Raster tile URL template for maps (`https://…/{z}/{x}/{y}.png`). None by
    /// default so that maps work offline with district polygons only.
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
    /// Log format: `pretty` or `json`.
    pub log_format: String,
    /// Session lifetime from login in hours; then the person logs in again
    /// however active they were (OWASP ASVS V3.3).
    pub session_hours: i64,
    /// Minutes without a request after which a session ends.
    pub session_idle_minutes: i64,
    /// Folder of this node's search index. Empty: kept in memory and rebuilt
    /// from the database at every start (fine for small catalogs).
    pub search_dir: Option<PathBuf>,
    /// Recompute regional figures at every request instead of once a day.
    /// Only for tests and demonstrations: see `competences::region::FiguresCache`.
    pub live_regional_figures: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://lernregion.db".into(),
            base_url: String::new(),
            secret_key: Secret::default(),
            secure_cookies: false,
            mail_from: "Lernregion <no-reply@lernregion.invalid>".into(),
            smtp: None,
            tile_url: None,
            tile_attribution: None,
            log_format: "pretty".into(),
            session_hours: 12,
            session_idle_minutes: 60,
            search_dir: None,
            live_regional_figures: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuration file {path} is not valid: {source}")]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error("environment variable {name} has an invalid value: {message}")]
    Env { name: String, message: String },
}

impl Settings {
    pub fn session_limits(&self) -> crate::auth::queries::SessionLimits {
        crate::auth::queries::SessionLimits {
            idle: self.session_idle_minutes.max(1) * 60,
        }
    }

    /// Reads the optional file, then applies `LERNREGION_*` variables on top.
    pub fn load(file: Option<&std::path::Path>) -> Result<Self, ConfigError> {
        let mut settings = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_owned(),
                    source,
                })?;
                toml::from_str(&text).map_err(|source| ConfigError::Parse {
                    path: path.to_owned(),
                    source,
                })?
            }
            None => Settings::default(),
        };
        settings.apply_env(std::env::vars())?;
        Ok(settings)
    }

    /// Applies `LERNREGION_*` variables; separate from [`Settings::load`] so it can be tested
    /// without touching the process environment.
    pub fn apply_env(
        &mut self,
        vars: impl IntoIterator<Item = (String, String)>,
    ) -> Result<(), ConfigError> {
        fn bad(name: &str, message: impl ToString) -> ConfigError {
            ConfigError::Env {
                name: name.into(),
                message: message.to_string(),
            }
        }
        for (name, value) in vars {
            let Some(key) = name.strip_prefix("LERNREGION_") else {
                continue;
            };
            match key {
                "BIND" => self.bind = value.parse().map_err(|e| bad(&name, e))?,
                "DATABASE_URL" => self.database_url = value,
                "BASE_URL" => self.base_url = value,
                "SECRET_KEY" => self.secret_key = Secret::new(value),
                "SECURE_COOKIES" => {
                    self.secure_cookies =
                        parse_bool(&value).ok_or_else(|| bad(&name, "expected true or false"))?
                }
                "MAIL_FROM" => self.mail_from = value,
                "TILE_URL" => self.tile_url = Some(value).filter(|v| !v.is_empty()),
                "TILE_ATTRIBUTION" => self.tile_attribution = Some(value),
                "SEARCH_DIR" => {
                    self.search_dir =
                        Some(PathBuf::from(value)).filter(|p| !p.as_os_str().is_empty())
                }
                "LIVE_REGIONAL_FIGURES" => {
                    self.live_regional_figures =
                        parse_bool(&value).ok_or_else(|| bad(&name, "expected true or false"))?
                }
                "LOG_FORMAT" => self.log_format = value,
                "SESSION_HOURS" => self.session_hours = value.parse().map_err(|e| bad(&name, e))?,
                "SESSION_IDLE_MINUTES" => {
                    self.session_idle_minutes = value.parse().map_err(|e| bad(&name, e))?
                }
                "SMTP_HOST" => self.smtp.get_or_insert_with(SmtpSettings::default).host = value,
                "SMTP_PORT" => {
                    self.smtp.get_or_insert_with(SmtpSettings::default).port =
                        value.parse().map_err(|e| bad(&name, e))?
                }
                "SMTP_USERNAME" => {
                    self.smtp.get_or_insert_with(SmtpSettings::default).username = value
                }
                "SMTP_PASSWORD" => {
                    self.smtp.get_or_insert_with(SmtpSettings::default).password =
                        Secret::new(value)
                }
                "SMTP_SECURITY" => {
                    self.smtp.get_or_insert_with(SmtpSettings::default).security = value
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether cookies get `Secure` and responses HSTS: when configured, or
    /// when the public address is https (a TLS proxy in front).
    pub fn behind_tls(&self) -> bool {
        self.secure_cookies || self.base_url.starts_with("https://")
    }

    /// The base URL for links in mails: configured, or derived from the bind address.
    pub fn public_base_url(&self) -> String {
        if self.base_url.is_empty() {
            format!("http://{}", self.bind)
        } else {
            self.base_url.trim_end_matches('/').to_owned()
        }
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_file_values() {
        let mut s: Settings =
            toml::from_str("database_url = \"sqlite://a.db\"\nsession_hours = 3").unwrap();
        s.apply_env([
            ("LERNREGION_DATABASE_URL".into(), "postgres://x/y".into()),
            ("LERNREGION_SMTP_HOST".into(), "mail.example".into()),
            ("OTHER".into(), "ignored".into()),
        ])
        .unwrap();
        assert_eq!(s.database_url, "postgres://x/y");
        assert_eq!(s.session_hours, 3);
        assert_eq!(s.smtp.unwrap().host, "mail.example");
    }

    #[test]
    fn bad_env_value_is_reported_with_its_name() {
        let mut s = Settings::default();
        let err = s
            .apply_env([("LERNREGION_BIND".into(), "nonsense".into())])
            .unwrap_err();
        assert!(err.to_string().contains("LERNREGION_BIND"));
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }
}
