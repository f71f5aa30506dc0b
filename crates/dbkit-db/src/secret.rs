//! Keeping passwords out of everything dbkit shows.

/// Masks the password of a URL that could not be parsed, as well as text allows:
/// `mysql://root:secret@host/db` becomes `mysql://root:***@host/db`.
pub(crate) fn mask_raw_url(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_string();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return text.to_string();
    };
    let user_info = &authority[..at];
    let Some(colon) = user_info.find(':') else {
        return text.to_string();
    };
    format!(
        "{}{}:***{}",
        &text[..authority_start],
        &user_info[..colon],
        &text[authority_start + at..]
    )
}

/// Decodes `%XX` escapes in a URL part.
pub(crate) fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let value = text
                .get(index + 1..index + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .ok_or_else(|| {
                    "a \"%\" in the URL is not followed by two hexadecimal digits".to_string()
                })?;
            decoded.push(value);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded)
        .map_err(|_| "a percent-encoded part of the URL is not UTF-8".to_string())
}

/// Replaces every occurrence of `password` in a driver's message by `***`, so that a driver that
/// echoes its connection settings cannot leak it.
pub(crate) fn scrub(message: &str, password: Option<&str>) -> String {
    match password {
        Some(password) if !password.is_empty() => message.replace(password, "***"),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_password_of_unparsable_urls() {
        assert_eq!(
            mask_raw_url("mysql://root:s3cret@host:x/db"),
            "mysql://root:***@host:x/db"
        );
        assert_eq!(
            mask_raw_url("mysql://root:a@b@host/db"),
            "mysql://root:***@host/db"
        );
        assert_eq!(mask_raw_url("mysql://root@host/db"), "mysql://root@host/db");
        assert_eq!(mask_raw_url("just/a/path"), "just/a/path");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("p%40ss%3Aw"), Ok("p@ss:w".to_string()));
        assert!(percent_decode("bad%zz").is_err());
        assert!(percent_decode("cut%4").is_err());
    }

    #[test]
    fn scrubs_passwords_from_messages() {
        assert_eq!(
            scrub("login hunter2 failed", Some("hunter2")),
            "login *** failed"
        );
        assert_eq!(scrub("nothing", Some("")), "nothing");
        assert_eq!(scrub("nothing", None), "nothing");
    }
}
