//! What the server-backed scratch databases share: their names, and the message when a server
//! cannot be reached.

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A database name unique to this test process and call: `dbkit_t_<name>_<pid>_<counter>`.
///
/// `name` is cut to keep the whole within the identifier limits of MySQL (64) and PostgreSQL (63),
/// and reduced to lowercase letters, digits and `_`.
pub fn scratch_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|character| match character {
            'a'..='z' | '0'..='9' => character,
            'A'..='Z' => character.to_ascii_lowercase(),
            _ => '_',
        })
        .take(32)
        .collect();
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("dbkit_t_{clean}_{}_{counter}", std::process::id())
}

/// The URL with any password replaced by `***`, for messages.
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((credentials, host)) = rest.rsplit_once('@')
        && let Some((user, _password)) = credentials.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.split_whitespace()
        .map(|part| {
            if part.to_ascii_lowercase().starts_with("password=") {
                "password=***".to_string()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fails the test because `server` did not answer at `url`, saying how to start it.
pub fn unreachable(
    server: &str,
    url: &str,
    env_var: &str,
    error: &dyn std::error::Error,
    start: &str,
) -> ! {
    let mut error_text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        error_text.push_str(": ");
        error_text.push_str(&cause.to_string());
        source = cause.source();
    }
    panic!(
        "cannot reach the {server} server at {url}: {error}\n\
         The server-backed tests need a running {server}; they fail rather than skip. Start it with\n\
         \x20   {start}\n\
         or point {env_var} at a server you can use.",
        url = redact(url),
        error = error_text,
    )
}

/// How to start MariaDB on a Debian-like machine.
pub const START_MARIADB: &str = "mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld; \
     start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql";

/// How to start PostgreSQL on a Debian-like machine.
pub const START_POSTGRES: &str =
    "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("mysql://root:secret@127.0.0.1:3306"),
            "mysql://root:***@127.0.0.1:3306"
        );
        assert_eq!(
            redact("mysql://root@127.0.0.1:3306"),
            "mysql://root@127.0.0.1:3306"
        );
        assert_eq!(
            redact("host=localhost user=postgres password=secret"),
            "host=localhost user=postgres password=***"
        );
    }

    #[test]
    fn scratch_names_are_unique_and_short() {
        let first = scratch_name("A very-long name with spaces and more words than fit");
        let second = scratch_name("A very-long name with spaces and more words than fit");
        assert_ne!(first, second);
        assert!(first.len() <= 63, "{first}");
        assert!(
            first.starts_with("dbkit_t_a_very_long_name_with_spaces_"),
            "{first}"
        );
    }
}
