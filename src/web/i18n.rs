//! Translations with Fluent. German is the default; English is complete (a
//! test checks that both catalogues hold the same keys). The language is
//! chosen per request: `lang` cookie, else `Accept-Language`, else German.

use std::{
    borrow::Cow,
    collections::HashMap,
    sync::{LazyLock, PoisonError, RwLock},
};

use fluent_templates::{Loader, fluent_bundle::FluentValue};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        // Unicode isolation marks would show up in attribute values and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header,
    /// honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }

    fn id(self) -> &'static fluent_templates::LanguageIdentifier {
        static DE: std::sync::LazyLock<fluent_templates::LanguageIdentifier> =
            std::sync::LazyLock::new(|| fluent_templates::langid!("de"));
        static EN: std::sync::LazyLock<fluent_templates::LanguageIdentifier> =
            std::sync::LazyLock::new(|| fluent_templates::langid!("en"));
        match self {
            Lang::De => &DE,
            Lang::En => &EN,
        }
    }

    /// The message for `key`; a missing key shows the key itself, which the
    /// catalogue tests make impossible for keys used in code and templates.
    ///
    /// Messages without arguments are the same every time, and a page asks
    /// for hundreds of them (a directory of 40 partners, each card with its
    /// kind, sector and labels): each is resolved by Fluent once per
    /// language and then read from memory. Only keys the catalogue has are
    /// kept, so what the memo holds is bounded by the catalogue.
    pub fn t(self, key: &str) -> String {
        static MEMO: LazyLock<[RwLock<HashMap<String, String>>; 2]> =
            LazyLock::new(|| [RwLock::default(), RwLock::default()]);
        let memo = &MEMO[self as usize];
        if let Some(v) = memo.read().unwrap_or_else(PoisonError::into_inner).get(key) {
            return v.clone();
        }
        match LOCALES.try_lookup(self.id(), key) {
            Some(v) => {
                memo.write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(key.to_owned(), v.clone());
                v
            }
            None => key.to_owned(),
        }
    }

    /// A message with a `count` argument (plural forms).
    pub fn t_n(self, key: &str, count: i64) -> String {
        self.t_args(key, &[("count", FluentValue::from(count))])
    }

    /// The message for `key` with named arguments (numbers pick plural forms).
    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for line in text.lines() {
                if let Some((k, _)) = line.split_once(" =")
                    && !k.starts_with([' ', '#', '.', '[', '*'])
                    && !k.is_empty()
                {
                    keys.insert(k.trim().to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn catalogues_have_the_same_keys() {
        let de = keys("de");
        let en = keys("en");
        let only_de: Vec<_> = de.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&de).collect();
        assert!(
            only_de.is_empty() && only_en.is_empty(),
            "only de: {only_de:?}, only en: {only_en:?}"
        );
    }

    /// Every `t("…")` used in templates and code exists in the catalogue.
    #[test]
    fn every_used_key_exists() {
        let de = keys("de");
        let root = env!("CARGO_MANIFEST_DIR");
        let mut missing = Vec::new();
        let mut stack = vec![format!("{root}/templates"), format!("{root}/src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path.to_string_lossy().into_owned());
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in [".t(\"", "t_args(\""] {
                    for (i, _) in text.match_indices(marker) {
                        let rest = &text[i + marker.len()..];
                        let key = &rest[..rest.find('"').unwrap()];
                        if !key.is_empty() && !key.contains('{') && !de.contains(key) && key != "x"
                        {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "missing keys: {missing:#?}");
    }

    #[test]
    fn accept_language_honours_q_values() {
        assert_eq!(
            Lang::from_accept_language("fr, en;q=0.8, de;q=0.9"),
            Some(Lang::De)
        );
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr"), None);
        assert_eq!(
            Lang::from_accept_language("de;q=0, en;q=0.1"),
            Some(Lang::En)
        );
    }

    #[test]
    fn plural_forms() {
        use fluent_templates::fluent_bundle::FluentValue;
        let one = Lang::De.t_args("partners-count", &[("count", FluentValue::from(1))]);
        let many = Lang::De.t_args("partners-count", &[("count", FluentValue::from(3))]);
        assert_ne!(one, many);
    }
}
