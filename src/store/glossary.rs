//! Typed queries for the glossary: the units' variants, for `tm glossary suggest`.

use super::Store;

/// One unit with its text per language (NFC).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTexts {
    pub unit_id: i64,
    /// (language tag, NFC text), sorted by language.
    pub variants: Vec<(String, String)>,
}

impl Store {
    /// Every unit that has a variant in `lang`, with all its variants.
    pub fn units_with_lang(&self, lang: &str) -> anyhow::Result<Vec<UnitTexts>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT v.unit_id, v.lang, v.text_nfc FROM variants v
             WHERE v.unit_id IN (SELECT unit_id FROM variants WHERE lang = ?1)
             ORDER BY v.unit_id, v.lang",
        )?;
        let rows = stmt.query_map([lang], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out: Vec<UnitTexts> = Vec::new();
        for row in rows {
            let (unit_id, l, text) = row?;
            match out.last_mut() {
                Some(u) if u.unit_id == unit_id => u.variants.push((l, text)),
                _ => out.push(UnitTexts {
                    unit_id,
                    variants: vec![(l, text)],
                }),
            }
        }
        Ok(out)
    }
}
