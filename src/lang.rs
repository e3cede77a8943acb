//! Language tags (BCP 47): validation, canonical case, and inference from a
//! file name (`en.txt`, `article.sq.txt`, `test0.de`, `sr-Latn.txt`).

use std::path::Path;

use anyhow::{Context, bail};

/// ISO 639-1 codes: a bare two-letter part of a file name is taken as a
/// language only if it is one of these.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io \
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na \
nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss \
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Three-letter codes seen in corpus file names (FLORES, NTREX, Tatoeba).
const ISO_639_3_COMMON: &str =
    "eng sqi als srp hrv bos mkd deu fra isl hun ita spa por rus ukr bul slv ces pol nld";

/// Check a BCP 47 tag and return it in canonical form: canonical case
/// (`sr-latn` → `sr-Latn`) and the shortest code of its language, as BCP 47
/// registers it (`sqi`, `alb` → `sq`; `srp-Cyrl` → `sr-Cyrl`; see
/// [`shorter_code`]), so that a TMX or a file name in ISO 639-3 (NTREX,
/// FLORES, Tatoeba) meets the same language as `sq`. A legacy tag of older
/// Windows and Trados files is written in today's form ([`modernise`]:
/// `sr-SP-Latn` → `sr-Latn`).
/// A script that is the language's only usual one is dropped, as the IANA
/// registry's Suppress-Script says ([`suppress_script`]: `eng_Latn`,
/// `en-Latn` → `en`; `sr-Latn`, `zh-Hans` stay).
///
/// The result is a well-formed tag whose variants the IANA registry holds
/// for its language ([`registered`]): `sq-final`, `sr-Latn-fixed` (a
/// version mark) and `sq-r1` are refused, `de-1996`, `sl-rozaj` and
/// `sr-Latn-ekavsk` taken.
pub fn canonical(tag: &str) -> anyhow::Result<String> {
    registered(todays_form(&canonical_as_written(tag)?))
}

/// `tag` as BCP 47 writes it today: [`modernise`]d (`sr-SP-Latn` →
/// `sr-Latn`), without a script the language is always written in
/// ([`suppress_script`]: `en-Latn` → `en`). What other tools' files
/// (TMX, TBX, tables) are read as.
pub fn todays_form(tag: &str) -> String {
    let modern = modernise(tag).unwrap_or_else(|| tag.to_string());
    suppress_script(&modern).unwrap_or(modern)
}

/// `tag` (canonical case) without its script subtag, when the IANA Language
/// Subtag Registry gives that script as the language's Suppress-Script: the
/// script nearly all of its text is written in, which BCP 47 (RFC 5646
/// §3.1.9, §4.1) says not to write. `en-Latn` → `en`, `ru-Cyrl` → `ru`,
/// `en-Latn-US` → `en-US`; None for `sr-Latn`, `sr-Cyrl`, `zh-Hans`,
/// `uz-Cyrl` (languages written in several scripts have no Suppress-Script),
/// `en-Cyrl`, and tags without a script.
///
/// The registry's data is the `language-tags` crate's (the registry as of
/// its 0.3.2 release): its canonicalisation of the two subtags alone drops
/// the script exactly when it is the language's Suppress-Script.
pub fn suppress_script(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let language = parts.next()?;
    let script = parts
        .next()
        .filter(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))?;
    let pair = language_tags::LanguageTag::parse(&format!("{language}-{script}")).ok()?;
    if !pair
        .canonicalize()
        .ok()?
        .as_str()
        .eq_ignore_ascii_case(language)
    {
        return None;
    }
    Some(
        std::iter::once(language)
            .chain(parts)
            .collect::<Vec<_>>()
            .join("-"),
    )
}

/// Which way a language's text runs, for the `dir` of an HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
    /// Not known from the tag (a language written in several scripts,
    /// without a script subtag): the browser decides from the text.
    Auto,
}

impl Direction {
    /// The value of an HTML `dir` attribute.
    pub fn html(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
            Direction::Auto => "auto",
        }
    }
}

/// ISO 15924 scripts and whether they run right to left: the scripts of
/// the registry's Suppress-Script entries, the RTL scripts Unicode encodes
/// and the usual script subtags of languages written in several.
const SCRIPT_RTL: &[(&str, bool)] = &[
    ("Adlm", true),
    ("Arab", true),
    ("Aran", true),
    ("Armi", true),
    ("Avst", true),
    ("Chrs", true),
    ("Cprt", true),
    ("Elym", true),
    ("Hatr", true),
    ("Hebr", true),
    ("Hung", true),
    ("Khar", true),
    ("Lydi", true),
    ("Mand", true),
    ("Mani", true),
    ("Mend", true),
    ("Narb", true),
    ("Nbat", true),
    ("Nkoo", true),
    ("Orkh", true),
    ("Ougr", true),
    ("Palm", true),
    ("Phli", true),
    ("Phlp", true),
    ("Phnx", true),
    ("Prti", true),
    ("Rohg", true),
    ("Samr", true),
    ("Sarb", true),
    ("Sogd", true),
    ("Sogo", true),
    ("Syrc", true),
    ("Thaa", true),
    ("Yezi", true),
    ("Armn", false),
    ("Beng", false),
    ("Blis", false),
    ("Cher", false),
    ("Cyrl", false),
    ("Deva", false),
    ("Ethi", false),
    ("Geor", false),
    ("Grek", false),
    ("Gujr", false),
    ("Guru", false),
    ("Hang", false),
    ("Hani", false),
    ("Hans", false),
    ("Hant", false),
    ("Jpan", false),
    ("Khmr", false),
    ("Knda", false),
    ("Kore", false),
    ("Laoo", false),
    ("Latn", false),
    ("Mlym", false),
    ("Mong", false),
    ("Mymr", false),
    ("Orya", false),
    ("Sinh", false),
    ("Taml", false),
    ("Telu", false),
    ("Tfng", false),
    ("Thai", false),
    ("Tibt", false),
];

/// Which way text in `tag` runs: from its script subtag (`az-Arab`,
/// `sr-Latn`), else from the script the IANA registry gives its language
/// as Suppress-Script (`he` → Hebr, `ar`, `fa`, `ur` → Arab, `dv` →
/// Thaa: right to left; `en` → Latn). A language with neither (`ku`, `sd`,
/// `zh`) is [`Direction::Auto`].
pub fn direction(tag: &str) -> Direction {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let script = parts
        .find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
        .map(|s| s.to_ascii_lowercase());
    let rtl = match script {
        Some(s) => SCRIPT_RTL
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(&s))
            .is_some_and(|(_, rtl)| *rtl),
        None => match SCRIPT_RTL
            .iter()
            .find(|(code, _)| suppress_script(&format!("{language}-{code}")).is_some())
        {
            Some((_, rtl)) => *rtl,
            None => return Direction::Auto,
        },
    };
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

/// Tags a file writes that are to be read as other tags (`tm import
/// --map-lang toki=tok`): a tag that is no language tag (Tatoeba's `toki`
/// for Toki Pona) or the wrong one (`cbk_zam`). Matched as written, in any
/// case and with `_` for `-`; the tag it maps to is [`canonical`].
/// `FROM=-` leaves out a table column that holds no language (Translate
/// Toolkit's `location`).
#[derive(Debug, Clone, Default)]
pub struct LangMap {
    /// (tag as matched, canonical tag).
    pairs: Vec<(String, String)>,
    /// Names (as matched) of the table columns to leave out.
    left_out: Vec<String>,
}

impl LangMap {
    /// Add `FROM=TO`; a later mapping of the same tag wins.
    pub fn add(&mut self, spec: &str) -> anyhow::Result<()> {
        let Some((from, to)) = spec.split_once('=') else {
            bail!("'{spec}' maps no tag: write FROM=TO, such as toki=tok");
        };
        let from = Self::key(from);
        if from.is_empty() {
            bail!("'{spec}' maps no tag: write FROM=TO, such as toki=tok");
        }
        self.pairs.retain(|(f, _)| *f != from);
        self.left_out.retain(|f| *f != from);
        if to.trim() == "-" {
            self.left_out.push(from);
            return Ok(());
        }
        let to = canonical(to).with_context(|| format!("the tag '{from}' is mapped to"))?;
        self.pairs.push((from, to));
        Ok(())
    }

    /// Whether `tag` is what a `FROM=TO` mapping reads some tag as: a tag
    /// the user chose, never read as another.
    pub fn maps_to(&self, tag: &str) -> bool {
        self.pairs.iter().any(|(_, to)| to == tag)
    }

    /// Whether the table column `name` is left out (`--map-lang name=-`).
    pub fn leaves_out(&self, name: &str) -> bool {
        self.left_out.contains(&Self::key(name))
    }

    fn key(tag: &str) -> String {
        tag.trim().replace('_', "-").to_ascii_lowercase()
    }

    /// The language `tag` (as a file writes it) stands for: its mapping,
    /// else [`canonical`]. A tag that is none names the flag that maps it.
    pub fn read(&self, tag: &str) -> anyhow::Result<String> {
        let key = Self::key(tag);
        if let Some((_, to)) = self.pairs.iter().find(|(from, _)| *from == key) {
            return Ok(to.clone());
        }
        if self.left_out.contains(&key) {
            bail!(
                "'{}' is mapped to - (left out), which only a table column can be: \
                 map it to a language tag (--map-lang {}=TAG)",
                tag.trim(),
                tag.trim()
            );
        }
        canonical(tag).map_err(|e| {
            anyhow::anyhow!(
                "{e:#}; if it stands for a language, import it as that language's tag: \
                 --map-lang {}=TAG",
                tag.trim()
            )
        })
    }
}

/// `tag` (canonical) if it is well-formed BCP 47 and each of its variant
/// subtags is one the IANA Language Subtag Registry holds, with a Prefix
/// the tag starts with (`1996` is German's, `rozaj` Slovene's,
/// `ekavsk` Serbian's); else why not. A variant names a registered dialect
/// or spelling, so `final`, `draft` or `fixed` after a tag is a version
/// mark, not a language.
///
/// The registry's data is the `language-tags` crate's (the registry as of
/// its 0.3.2 release, 106 variants): a variant registered since is refused.
/// Only variants are checked here: a language, script or region subtag
/// newer than that data is not refused for it.
fn registered(tag: String) -> anyhow::Result<String> {
    use language_tags::{LanguageTag, ValidationError as V};
    // Nearly every tag (`en`, `sr-Latn`, `pt-BR`) has no variant and no
    // extension: well-formed is all there is to check, without the
    // registry (a TMX import reads one tag per text).
    let plain =
        |p: &str| p.len() > 1 && p.len() < 5 && !(p.len() == 4 && p.as_bytes()[0].is_ascii_digit());
    if tag.split('-').skip(1).all(plain) && is_well_formed(&tag) {
        return Ok(tag);
    }
    let parsed = match LanguageTag::parse(&tag) {
        // Grandfathered tags (`en-GB-oed`) are well-formed as a whole.
        Ok(t) => t,
        Err(_) => {
            let at = ill_formed_subtag(&tag).unwrap_or(&tag);
            bail!(
                "'{tag}' is not a well-formed BCP 47 tag: `{at}` is no script, region or variant \
                 (language, then script, region, variants: sr-Latn-RS, de-CH-1996)"
            );
        }
    };
    let validate = |t: &str| LanguageTag::parse(t).map(|t| t.validate());
    let mut probe = parsed.full_language().to_string();
    for s in parsed.script().into_iter().chain(parsed.region()) {
        probe.push('-');
        probe.push_str(s);
    }
    for v in parsed.variant_subtags() {
        let before = probe.clone();
        probe.push('-');
        probe.push_str(v);
        // Whether the registry holds `v` at all, for any language.
        if let Ok(Err(V::VariantNotInRegistry)) = validate(&format!("und-{v}")) {
            bail!(
                "'{tag}' is not a language tag tm takes: `{v}` is no variant in the IANA Language \
                 Subtag Registry (a variant names a registered dialect or spelling, such as de-1996, \
                 sl-rozaj, ca-valencia); for the language, write `{before}`"
            );
        }
        match validate(&probe) {
            Ok(Err(V::WrongVariantPrefix)) => bail!(
                "'{tag}' is not a language tag tm takes: `{v}` is a variant the IANA Language \
                 Subtag Registry holds for other languages, not of {before}; write `{before}`"
            ),
            Ok(Err(V::DuplicateVariant)) => {
                bail!("'{tag}' is not a language tag: it gives the variant `{v}` twice")
            }
            _ => {}
        }
    }
    Ok(tag)
}

/// The first subtag of `tag` at which it stops being well-formed.
fn ill_formed_subtag(tag: &str) -> Option<&str> {
    let mut end = 0;
    for (i, p) in tag.split('-').enumerate() {
        end += p.len() + usize::from(i > 0);
        if i > 0 && !is_well_formed(&tag[..end]) {
            return Some(p);
        }
    }
    None
}

/// Regions that no longer exist, which legacy tags carry: `SP` (Windows's
/// Serbia and Montenegro), `CS` (ISO 3166 Serbia and Montenegro, withdrawn
/// 2006), `YU` (Yugoslavia, withdrawn 2003). No current region replaces them
/// one to one, so they are dropped.
const WITHDRAWN_REGIONS: &[&str] = &["SP", "CS", "YU"];

/// Today's form of a legacy tag in canonical case, or `None` when `tag` is
/// not legacy. Windows XP and the Trados of that age wrote the region before
/// the script (`sr-SP-Latn`, `uz-UZ-Cyrl`, `bs-BA-Latn`), and .NET wrote
/// `sr-Latn-CS`: the script goes before the region, and a withdrawn region
/// is dropped. `sr-SP-Latn` → `sr-Latn`, `uz-UZ-Cyrl` → `uz-Cyrl-UZ`.
pub fn modernise(tag: &str) -> Option<String> {
    let tag = canonical_as_written(tag).ok()?;
    let mut parts: Vec<&str> = tag.split('-').collect();
    let is_region = |p: &str| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic());
    let is_script = |p: &str| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic());
    if parts.len() >= 3 && is_region(parts[1]) && is_script(parts[2]) {
        parts.swap(1, 2);
    }
    let region_at = if parts.len() >= 2 && is_script(parts[1]) {
        2
    } else {
        1
    };
    if parts
        .get(region_at)
        .is_some_and(|r| is_region(r) && WITHDRAWN_REGIONS.contains(r))
    {
        parts.remove(region_at);
    }
    let modern = parts.join("-");
    (modern != tag).then_some(modern)
}

/// [`canonical`] without [`modernise`].
fn canonical_as_written(tag: &str) -> anyhow::Result<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    if !(2..=3).contains(&primary.len()) || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        bail!("'{tag}' is not a language tag (expected BCP 47, such as en, sq, sr-Latn, sr-Cyrl)");
    }
    let mut out = primary.to_ascii_lowercase();
    if let Some(short) = shorter_code(&out) {
        out = short.to_string();
    }
    for p in parts {
        if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            bail!("'{tag}' is not a language tag: bad subtag '{p}'");
        }
        out.push('-');
        match p.len() {
            4 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p[..1].to_ascii_uppercase());
                out.push_str(&p[1..].to_ascii_lowercase());
            }
            2 if p.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&p.to_ascii_uppercase())
            }
            _ => out.push_str(&p.to_ascii_lowercase()),
        }
    }
    Ok(out)
}

/// The code BCP 47 takes for a language written with a longer or an
/// outdated code: the ISO 639-1 code of an ISO 639-3 or 639-2 code (`sqi`,
/// `alb` → `sq`; `dan` → `da`; every language that has one, from the ISO
/// 639-3 table of the `isolang` crate), and the IANA registry's preferred
/// value of a deprecated code (`iw` → `he`). `None` when `code` is already
/// the one to write, or names a language with no two-letter code (`als`,
/// Tosk Albanian; `cmn`, Mandarin).
pub fn shorter_code(code: &str) -> Option<&'static str> {
    let code = code.to_ascii_lowercase();
    if let Some((_, short)) = OUTDATED.iter().find(|(old, _)| *old == code) {
        return Some(short);
    }
    if code.len() == 3 {
        return isolang::Language::from_639_3(&code).and_then(|l| l.to_639_1());
    }
    None
}

/// Codes that ISO 639-3 does not hold: the ISO 639-2/B (bibliographic)
/// codes that differ from 639-3 (`alb`, `ger`), the withdrawn `scc`/`scr`,
/// and the two-letter codes the IANA registry deprecates.
const OUTDATED: &[(&str, &str)] = &[
    ("alb", "sq"),
    ("arm", "hy"),
    ("baq", "eu"),
    ("bur", "my"),
    ("chi", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("ice", "is"),
    ("mac", "mk"),
    ("mao", "mi"),
    ("may", "ms"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("tib", "bo"),
    ("wel", "cy"),
    ("scc", "sr"),
    ("scr", "hr"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("jw", "jv"),
    ("mo", "ro"),
];

/// Country codes written where a language code belongs (`al` is Albania).
/// Only those that are not also a language code (`ba`, `se` are languages).
const COUNTRY_FOR_LANGUAGE: &[(&str, &str)] = &[
    ("al", "sq"),
    ("rs", "sr"),
    ("gr", "el"),
    ("ua", "uk"),
    ("cz", "cs"),
    ("dk", "da"),
    ("jp", "ja"),
    ("cn", "zh"),
];

/// A tag a glossary (or other file we write) may hold: [`canonical`] and
/// well-formed, with a known two-letter primary subtag, the shortest code
/// of its language (`sq`, not `sqi`), and no extlang (`sr-ltn` is a typo
/// for `sr-Latn`). Returns the canonical tag.
pub fn strict(tag: &str) -> anyhow::Result<String> {
    // A file we write (a glossary) says `sq`, not `sqi`: the longer code
    // is refused here, where `canonical` reads it as `sq`.
    let given = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some(short) = shorter_code(&given) {
        if given.len() == 2 {
            bail!("`{given}` is a deprecated code; write the language as `{short}`");
        }
        bail!(
            "write the language `{given}` as `{short}` (BCP 47 takes the two-letter ISO 639-1 code)"
        );
    }
    let canon = canonical_as_written(tag)?;
    if let Some(modern) = modernise(&canon) {
        bail!(
            "'{canon}' is a legacy tag (a region before the script, or a region that no longer exists); write `{modern}`"
        );
    }
    if let Some(short) = suppress_script(&canon) {
        let script = canon.split('-').nth(1).unwrap_or("");
        bail!(
            "'{canon}': {script} is the script {} is written in (the IANA registry's Suppress-Script), which a tag leaves out; write `{short}`",
            primary(&canon)
        );
    }
    let first = primary(&canon);
    if first.len() == 2 && !ISO_639_1.split(' ').any(|c| c == first) {
        match COUNTRY_FOR_LANGUAGE.iter().find(|(c, _)| *c == first) {
            Some((_, lang)) => {
                bail!("`{first}` is a country code, not a language; write the language as `{lang}`")
            }
            None => bail!("`{first}` is not an ISO 639-1 language code"),
        }
    }
    let second = canon.split('-').nth(1).unwrap_or("");
    if second.len() == 3 && second.chars().all(|c| c.is_ascii_alphabetic()) {
        bail!(
            "'{canon}' is not a language tag: `{second}` is no script or region (a script has four letters, like Latn or Cyrl; a region two, like RS)"
        );
    }
    if !is_well_formed(&canon) {
        bail!(
            "'{canon}' is not a well-formed BCP 47 tag (language, then script, region, variants: sr-Latn-RS)"
        );
    }
    registered(canon)
}

/// Is `tag` (canonical) well-formed BCP 47: extlangs, script, region and
/// variants in that order, then extensions (`u-…`) and private use (`x-…`)?
/// [`canonical`] takes more (`sq-r1`, `sr-Latn-Cyrl`); a file name must be
/// well-formed to name a language.
pub fn is_well_formed(tag: &str) -> bool {
    let mut stage = Stage::Extlang;
    for p in tag.split('-').skip(1) {
        let alpha = p.chars().all(|c| c.is_ascii_alphabetic());
        let digits = p.chars().all(|c| c.is_ascii_digit());
        stage = match (stage, p.len()) {
            (Stage::Free, _) | (_, 1) => Stage::Free,
            (Stage::Extlang, 3) if alpha => Stage::Extlang,
            (Stage::Extlang, 4) if alpha => Stage::Region,
            (Stage::Extlang | Stage::Region, 2) if alpha => Stage::Variant,
            (Stage::Extlang | Stage::Region, 3) if digits => Stage::Variant,
            (_, 5..=8) => Stage::Variant,
            (_, 4) if p.as_bytes()[0].is_ascii_digit() => Stage::Variant,
            _ => return false,
        };
    }
    true
}

/// Where [`is_well_formed`] is in a tag.
#[derive(Clone, Copy)]
enum Stage {
    /// Right after the primary subtag.
    Extlang,
    /// After a script.
    Region,
    /// After a region or variant.
    Variant,
    /// Inside an extension or private use: anything goes.
    Free,
}

/// The primary language subtag: `sr-Latn` → `sr`.
pub fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// True if the language range `range` covers `tag` (RFC 4647 basic
/// filtering, on canonical tags): `en` covers `en`, `en-US` and `en-GB`;
/// `sr-Latn` covers `sr-Latn-RS` but not `sr-Cyrl`. A macrolanguage of
/// [`MACROLANGUAGES`] covers its members as well: `sh` (`hbs`,
/// Serbo-Croatian) covers `sr-Latn`, `hr` and `bs`; `sh-Latn` covers
/// `sr-Latn` but not `sr-Cyrl`.
pub fn covers(range: &str, tag: &str) -> bool {
    covers_as_written(range, tag)
        || MACROLANGUAGES
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(primary(range)))
            .is_some_and(|(_, members)| {
                let rest = &range[primary(range).len()..];
                members.iter().any(|m| {
                    m.eq_ignore_ascii_case(primary(tag))
                        && covers_as_written(&format!("{m}{rest}"), tag)
                })
            })
}

/// The one of `have` (the languages of a TM or a glossary) that `tag`, a
/// tag `have` lacks, stands for: the most specific of `have` that covers it
/// (`en-US` → `en`, `sr-Latn-RS` → `sr-Latn`; OmegaT and MultiTerm write
/// regions where a workspace has none), unless `have` tells regions apart
/// there (it holds another tag under that one: `en-GB` beside `en`). None
/// when `have` holds `tag` or nothing covers it.
pub fn read_as_one_of<'a>(tag: &str, have: &[&'a str]) -> Option<&'a str> {
    if have.contains(&tag) {
        return None;
    }
    let to = have
        .iter()
        .copied()
        .filter(|l| covers(l, tag))
        .max_by_key(|l| l.len())?;
    let regions_apart = have.iter().any(|l| *l != to && covers(to, l));
    (!regions_apart).then_some(to)
}

/// [`covers`] by the letters of the tags alone.
fn covers_as_written(range: &str, tag: &str) -> bool {
    tag.len() >= range.len()
        && tag[..range.len()].eq_ignore_ascii_case(range)
        && (tag.len() == range.len() || tag.as_bytes()[range.len()] == b'-')
}

/// The stored tags a language a command is given selects: every one the
/// range covers (`en` → `en`, `en-GB`, `en-US`; `sr` → `sr-Cyrl`,
/// `sr-Latn`), in the order of `stored`. The one rule of `export --langs`,
/// `search --lang`, `qa --lang` and `--src-lang`.
pub fn expand<'a>(range: &str, stored: &'a [String]) -> Vec<&'a str> {
    stored
        .iter()
        .map(String::as_str)
        .filter(|t| covers(range, t))
        .collect()
}

/// The stored tags a list of languages selects (`--lang en,fr`, `--lang
/// en --lang fr`, `--langs`): each range [`expand`]ed, in the order given,
/// each tag once. Err with the ranges that cover no stored tag (a typo,
/// or the wrong TM), in the order given.
pub fn expand_all<'a, 'r>(
    ranges: &'r [String],
    stored: &'a [String],
) -> Result<Vec<&'a str>, (Vec<&'a str>, Vec<&'r str>)> {
    let mut out: Vec<&'a str> = Vec::new();
    let mut missing: Vec<&'r str> = Vec::new();
    for range in ranges {
        let covered = expand(range, stored);
        if covered.is_empty() {
            missing.push(range);
        }
        for t in covered {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err((out, missing))
    }
}

/// How many of `ranges` the `tags` (a unit's languages) hold apart: the
/// most ranges that can each be given a tag of its own that it covers.
/// `en,de` over `en` and `en-US` is 1 (both are English), over `en` and
/// `de-CH` 2. `tm export --langs de,fr` writes a unit when this is 2.
pub fn ranges_held<R: AsRef<str>>(ranges: &[R], tags: &[&str]) -> usize {
    // A bipartite matching (augmenting paths): a handful of each.
    fn give(
        r: usize,
        covered: &[Vec<bool>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for t in 0..owner.len() {
            if covered[r][t] && !seen[t] {
                seen[t] = true;
                if owner[t].is_none_or(|o| give(o, covered, seen, owner)) {
                    owner[t] = Some(r);
                    return true;
                }
            }
        }
        false
    }
    let covered: Vec<Vec<bool>> = ranges
        .iter()
        .map(|r| tags.iter().map(|t| covers(r.as_ref(), t)).collect())
        .collect();
    let mut owner = vec![None; tags.len()];
    (0..ranges.len())
        .filter(|&r| give(r, &covered, &mut vec![false; tags.len()], &mut owner))
        .count()
}

/// The one stored tag a command that needs a single language takes
/// (`lookup --from`): the range stored exactly, else the only one it
/// covers. Err with the tags it covers (none, or several to choose from).
pub fn one_of<'a>(range: &str, stored: &'a [String]) -> Result<&'a str, Vec<&'a str>> {
    if let Some(exact) = stored.iter().find(|t| *t == range) {
        return Ok(exact);
    }
    match expand(range, stored).as_slice() {
        [one] => Ok(one),
        other => Err(other.to_vec()),
    }
}

/// Macrolanguages (ISO 639-3, SIL's macrolanguage mappings) that are
/// language ranges over their members, by canonical codes: those whose
/// members are written with two-letter codes of their own while the
/// macrolanguage's code is still used for text. Serbo-Croatian (`sh`, ISO
/// 639-3 `hbs`) is Bosnian, Montenegrin, Croatian and Serbian; Norwegian
/// (`no`) is Bokmål and Nynorsk. Other macrolanguages (`sq`, `zh`, `ar`, `ms`)
/// are not ranges over their members: there the macrolanguage's code is the
/// usual name of one standard language (`sq` is not FLORES's Tosk `als`).
const MACROLANGUAGES: &[(&str, &[&str])] =
    &[("sh", &["bs", "cnr", "hr", "sr"]), ("no", &["nb", "nn"])];

/// The macrolanguage `code` (a primary subtag) is or belongs to, with its
/// members.
fn macrolanguage(code: &str) -> Option<(&'static str, &'static [&'static str])> {
    MACROLANGUAGES
        .iter()
        .find(|(m, members)| {
            m.eq_ignore_ascii_case(code) || members.iter().any(|x| x.eq_ignore_ascii_case(code))
        })
        .copied()
}

/// How many of a TM's languages an error lists in full.
const LIST_IN_FULL: usize = 12;

/// The TM's languages `tags` (sorted), as an error says them when `ranges`
/// cover none: every one when there are few; else how many, and those
/// closest to the ranges (the same language, or one of its macrolanguage:
/// `de-DE` for `de-AT`, `hr` for `sr`). `"none"` for an empty TM.
pub fn held_languages(ranges: &[&str], tags: &[String]) -> String {
    if tags.is_empty() {
        return "none".to_string();
    }
    if tags.len() <= LIST_IN_FULL {
        return tags.join(", ");
    }
    let kin = |a: &str, b: &str| {
        a.eq_ignore_ascii_case(b) || macrolanguage(a).is_some_and(|m| macrolanguage(b) == Some(m))
    };
    let close: Vec<&str> = tags
        .iter()
        .filter(|t| ranges.iter().any(|r| kin(primary(r), primary(t))))
        .map(String::as_str)
        .take(LIST_IN_FULL)
        .collect();
    let count = format!("{} languages (`tm stats` lists them)", tags.len());
    if close.is_empty() {
        count
    } else {
        format!("{count}; the closest: {}", close.join(", "))
    }
}

/// Which of `tags` is in the language `range`: the same tag, else the
/// first that `range` covers (`en` → `en-US`), else the first that covers
/// `range` (`en-US` → `en`). How a unit's source text is found, by import,
/// export and qa alike.
pub fn position<'a>(tags: impl Iterator<Item = &'a str> + Clone, range: &str) -> Option<usize> {
    tags.clone()
        .position(|t| t == range)
        .or_else(|| tags.clone().position(|t| covers(range, t)))
        .or_else(|| tags.clone().position(|t| covers(t, range)))
}

/// Is `p` a language code a file name may carry: ISO 639-1, a code
/// [`shorter_code`] maps to one (`dan.txt`, `iw.txt`) unless it is the
/// extension (`notes.bak` is no Bashkir), or one of the ISO 639-3 codes
/// corpora name their files with (`als`).
fn is_known_primary(p: &str, is_extension: bool) -> bool {
    let p = p.to_ascii_lowercase();
    ISO_639_1.split(' ').any(|c| c == p)
        || ISO_639_3_COMMON.split(' ').any(|c| c == p)
        || (!is_extension && shorter_code(&p).is_some())
}

/// Infer the language of a file from its name: the last dot-separated part of
/// the name (extension included) that is a language tag with a known primary
/// subtag. `en.txt` → en, `article.sq.txt` → sq, `test0.de` → de.
pub fn from_path(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let parts = name.split('.').count();
    name.split('.').rev().enumerate().find_map(|(i, part)| {
        let primary = part.split(['-', '_']).next().unwrap_or("");
        if !is_known_primary(primary, i == 0 && parts > 1) {
            return None;
        }
        without_marks(part)
    })
}

/// The tag `written` names once the marks a person put after it are left
/// out: the longest prefix that is a tag tm takes ([`canonical`]).
/// `sq-r1`, `sr-Latn_v2`, `sq-final` (a mark shaped like a variant that
/// the registry does not hold) → `sq`, `sr-Latn`, `sq`; so is a number
/// glued to the last subtag (`sr-Cyrl2` → `sr-Cyrl`). A tag tm takes is
/// its own canonical form. None when no prefix is a tag.
///
/// File names are read this way, and tags stored by a tm that took such
/// marks are rewritten this way (migration 16).
pub fn without_marks(written: &str) -> Option<String> {
    let cuts = written.match_indices(['-', '_']).map(|(i, _)| i);
    let unglued = written.trim_end_matches(|c: char| c.is_ascii_digit());
    let glued = (unglued.len() < written.len()
        && unglued.contains(['-', '_'])
        && unglued.ends_with(|c: char| c.is_ascii_alphabetic()))
    .then_some(unglued.len());
    std::iter::once(written.len())
        .chain(glued)
        .chain(cuts.collect::<Vec<_>>().into_iter().rev())
        .find_map(|end| {
            canonical(&written[..end])
                .ok()
                .filter(|t| is_well_formed(t))
        })
}

/// The language given on the command line, or the one inferred from the
/// file name; when neither, the error names `flag`, the option that gives
/// it (`--tgt-lang`).
pub fn resolve(given: Option<&str>, path: &Path, flag: &str) -> anyhow::Result<String> {
    match given {
        Some(tag) => canonical(tag)
            .with_context(|| format!("language of {}", crate::doc::display_name(path))),
        None if crate::doc::is_stdin(path) => {
            anyhow::bail!("cannot infer the language of standard input; pass {flag}")
        }
        None => from_path(path).with_context(|| {
            format!(
                "cannot infer the language of {} from its name; name it like en.txt or article.sq.txt, or pass {flag}",
                path.display()
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_regional_tag_is_read_as_the_language_that_covers_it() {
        let have = ["en", "sq", "sr-Latn", "sr-Cyrl"];
        for (tag, to) in [
            ("en-US", Some("en")),
            ("sq-AL", Some("sq")),
            ("sr-Latn-RS", Some("sr-Latn")),
            ("sr-Cyrl-RS", Some("sr-Cyrl")),
            ("en", None),
            ("sr", None),
            ("de-DE", None),
        ] {
            assert_eq!(super::read_as_one_of(tag, &have), to, "{tag}");
        }
        // Regions told apart: en-GB beside en.
        assert_eq!(super::read_as_one_of("en-US", &["en", "en-GB"]), None);
        assert_eq!(
            super::read_as_one_of("sq-XK", &["en", "en-GB", "sq"]),
            Some("sq")
        );
    }

    #[test]
    fn direction_comes_from_the_script() {
        for tag in [
            "he", "ar", "fa", "ur", "yi", "dv", "ps", "az-Arab", "ku-Arab", "pa-Arab",
        ] {
            assert_eq!(super::direction(tag), super::Direction::Rtl, "{tag}");
        }
        for tag in [
            "en", "de-AT", "sr-Latn", "sr-Cyrl", "ru", "hy", "ja", "ku-Latn", "zh-Hans",
        ] {
            assert_eq!(super::direction(tag), super::Direction::Ltr, "{tag}");
        }
        for tag in ["ku", "zh", "tok"] {
            assert_eq!(super::direction(tag), super::Direction::Auto, "{tag}");
        }
    }

    use super::*;

    #[test]
    fn ranges_held_gives_each_range_a_tag_of_its_own() {
        let held = |ranges: &[&str], tags: &[&str]| ranges_held(ranges, tags);
        assert_eq!(held(&["de", "fr"], &["en", "de"]), 1);
        assert_eq!(held(&["de", "fr"], &["de", "fr"]), 2);
        assert_eq!(held(&["en", "de"], &["en", "en-US"]), 1);
        assert_eq!(held(&["en", "de"], &["en-US", "de-CH"]), 2);
        // `sr` could take either script: sr-Latn is left to it.
        assert_eq!(held(&["sr-Latn", "sr"], &["sr-Latn", "sr-Cyrl"]), 2);
        assert_eq!(held(&["sr", "sr-Latn"], &["sr-Latn", "sr-Cyrl"]), 2);
        assert_eq!(held(&["sr", "sr-Latn"], &["sr-Latn"]), 1);
        assert_eq!(held(&["en", "de", "fr"], &["fr", "de", "en"]), 3);
        assert_eq!(held(&["de"], &[]), 0);
    }

    #[test]
    fn canonical_takes_the_shortest_code_of_a_language() {
        assert_eq!(canonical("sqi").unwrap(), "sq");
        assert_eq!(canonical("srp_cyrl").unwrap(), "sr-Cyrl");
        assert_eq!(canonical("DEU-at").unwrap(), "de-AT");
        // A code with no two-letter form stays (Tosk Albanian, FLORES's `als`).
        assert_eq!(canonical("als").unwrap(), "als");
        assert_eq!(canonical("cmn").unwrap(), "cmn");
        // Every language with a two-letter code, not only the common ones.
        for (long, short) in [
            ("dan", "da"),
            ("ara", "ar"),
            ("fin", "fi"),
            ("heb", "he"),
            ("jpn", "ja"),
            ("swe", "sv"),
            ("afr", "af"),
            ("kor", "ko"),
            ("vie", "vi"),
            ("hin", "hi"),
            ("cat", "ca"),
            ("slo", "sk"),
            ("wel", "cy"),
        ] {
            assert_eq!(canonical(long).unwrap(), short, "{long}");
        }
        // Deprecated two-letter codes take the registry's preferred value.
        assert_eq!(canonical("iw").unwrap(), "he");
        assert_eq!(canonical("in-ID").unwrap(), "id-ID");
        assert_eq!(
            from_path(Path::new("newstest2019-ref.sqi.txt")).as_deref(),
            Some("sq")
        );
    }

    #[test]
    fn a_script_that_is_the_languages_only_usual_one_is_dropped() {
        // The IANA registry's Suppress-Script: Latn for en and sq, Cyrl for ru.
        for (given, want) in [
            ("en-Latn", "en"),
            ("eng_Latn", "en"),
            ("sq-Latn", "sq"),
            ("sqi_Latn", "sq"),
            ("ru-Cyrl", "ru"),
            ("rus_Cyrl", "ru"),
            ("ja-Jpan", "ja"),
            ("en-latn-us", "en-US"),
            ("dsb-Latn", "dsb"),
        ] {
            assert_eq!(canonical(given).unwrap(), want, "{given}");
        }
        // Languages written in more than one script keep it.
        for kept in [
            "sr-Latn",
            "sr-Cyrl",
            "zh-Hans",
            "zh-Hant-TW",
            "uz-Cyrl",
            "pa-Arab",
            "en-Cyrl",
            "bs-Cyrl",
        ] {
            assert_eq!(canonical(kept).unwrap(), kept, "{kept}");
        }
        assert_eq!(canonical("srp_Cyrl").unwrap(), "sr-Cyrl");
        assert_eq!(suppress_script("en-Latn").as_deref(), Some("en"));
        assert_eq!(suppress_script("en"), None);
        assert_eq!(suppress_script("sr-Latn"), None);
        let err = |t: &str| strict(t).unwrap_err().to_string();
        assert!(err("en-Latn").contains("write `en`"), "{}", err("en-Latn"));
    }

    #[test]
    fn a_range_selects_every_tag_it_covers_and_one_where_one_is_needed() {
        let stored: Vec<String> = ["en", "en-GB", "en-US", "sr-Cyrl", "sr-Latn"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(expand("en", &stored), ["en", "en-GB", "en-US"]);
        assert_eq!(expand("sr", &stored), ["sr-Cyrl", "sr-Latn"]);
        assert_eq!(expand("de", &stored), Vec::<&str>::new());
        assert_eq!(one_of("en", &stored), Ok("en"));
        assert_eq!(one_of("sr-Latn", &stored), Ok("sr-Latn"));
        assert_eq!(one_of("sr", &stored), Err(vec!["sr-Cyrl", "sr-Latn"]));
        assert_eq!(one_of("de", &stored), Err(vec![]));
        let us: Vec<String> = vec!["en-US".into(), "de".into()];
        assert_eq!(one_of("en", &us), Ok("en-US"));
    }

    #[test]
    fn a_variant_is_one_the_registry_holds_for_the_language() {
        for good in [
            "sl-rozaj",
            "sl-rozaj-biske",
            "de-1996",
            "de-CH-1901",
            "ca-valencia",
            "sr-Latn-ekavsk",
            "sr-ijekavsk",
            "hy-arevela",
            "en-fonipa",
            "en-GB-oed",
        ] {
            assert_eq!(canonical(good).unwrap(), good, "{good}");
        }
        let err = |t: &str| canonical(t).unwrap_err().to_string();
        // Shaped like variants (5 to 8 letters), but version marks.
        for (bad, mark, keep) in [
            ("sq-final", "final", "sq"),
            ("sq-draft", "draft", "sq"),
            ("sq-reviewed", "reviewed", "sq"),
            ("sr-Latn-fixed", "fixed", "sr-Latn"),
            ("sr-Cyrl2", "cyrl2", "sr"),
        ] {
            let e = err(bad);
            assert!(
                e.contains(&format!("`{mark}` is no variant")) && e.contains("IANA"),
                "{e}"
            );
            assert!(e.contains(&format!("write `{keep}`")), "{e}");
            assert!(strict(bad).is_err(), "{bad}");
        }
        // A registered variant of other languages.
        let e = err("sq-1996");
        assert!(e.contains("`1996`") && e.contains("not of sq"), "{e}");
        assert!(err("sl-rozaj-rozaj").contains("twice"));
        // Not well-formed: no script, region or variant.
        for bad in ["sq-r1", "sq-v2", "sr-Latn-Cyrl", "de-12"] {
            assert!(err(bad).contains("not a well-formed"), "{}", err(bad));
        }
    }

    #[test]
    fn a_range_covers_its_subtags() {
        assert!(covers("en", "en"));
        assert!(covers("en", "en-US"));
        assert!(covers("sr-Latn", "sr-Latn-RS"));
        assert!(!covers("en", "eng"));
        assert!(!covers("sr-Latn", "sr-Cyrl"));
        assert!(!covers("en-US", "en"));
    }

    #[test]
    fn serbo_croatian_and_norwegian_are_ranges_over_their_members() {
        assert_eq!(canonical("hbs").unwrap(), "sh");
        for tag in [
            "sh", "sr", "sr-Latn", "sr-Cyrl", "hr", "bs", "bs-Cyrl", "cnr", "sh-Latn",
        ] {
            assert!(covers("sh", tag), "{tag}");
        }
        assert!(covers("sh-Latn", "sr-Latn"));
        assert!(covers("sh-Latn", "hr-Latn-HR"));
        assert!(!covers("sh-Latn", "sr-Cyrl"));
        assert!(!covers("sh", "sq"));
        assert!(!covers("sh", "sl"));
        // A member does not cover its kin.
        assert!(!covers("sr", "hr"));
        assert!(!covers("hr", "sh"));
        assert!(covers("no", "nb") && covers("no", "nn-NO") && !covers("nb", "nn"));
        assert!(!covers("sq", "als"));
    }

    #[test]
    fn an_error_lists_a_few_languages_or_the_closest() {
        let tags = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(held_languages(&["de"], &[]), "none");
        assert_eq!(
            held_languages(&["de"], &tags(&["en", "sq", "sr-Cyrl"])),
            "en, sq, sr-Cyrl"
        );
        let many = tags(&[
            "ar", "bs", "de-CH", "de-DE", "el", "en", "es", "fi", "fr", "hr", "hu", "it", "ja",
            "nl", "sq", "sr-Cyrl", "sr-Latn",
        ]);
        assert_eq!(
            held_languages(&["de-AT"], &many),
            "17 languages (`tm stats` lists them); the closest: de-CH, de-DE"
        );
        assert_eq!(
            held_languages(&["sr-Latn-ME"], &many),
            "17 languages (`tm stats` lists them); the closest: bs, hr, sr-Cyrl, sr-Latn"
        );
        assert_eq!(
            held_languages(&["xx"], &many),
            "17 languages (`tm stats` lists them)"
        );
    }

    #[test]
    fn marks_after_a_tag_are_left_out() {
        for (written, tag) in [
            ("sq-final", Some("sq")),
            ("sq-r1", Some("sq")),
            ("sr-Latn-fixed", Some("sr-Latn")),
            ("sr-Latn_v2", Some("sr-Latn")),
            ("sr-Cyrl2", Some("sr-Cyrl")),
            ("de-1996", Some("de-1996")),
            ("en-Latn", Some("en")),
            ("sl-rozaj-draft", Some("sl-rozaj")),
            ("final", None),
        ] {
            assert_eq!(without_marks(written).as_deref(), tag, "{written}");
        }
    }

    #[test]
    fn infers_from_names() {
        let f = |s: &str| from_path(Path::new(s));
        assert_eq!(f("examples/nato-kosovo/en.txt").as_deref(), Some("en"));
        assert_eq!(f("article.sq.txt").as_deref(), Some("sq"));
        assert_eq!(f("test0.de").as_deref(), Some("de"));
        assert_eq!(f("dir/sr-Latn.txt").as_deref(), Some("sr-Latn"));
        assert_eq!(f("sr-cyrl.txt").as_deref(), Some("sr-Cyrl"));
        assert_eq!(f("notes.txt"), None);
        // A revision mark after the tag is no subtag.
        assert_eq!(f("sq-r1.txt").as_deref(), Some("sq"));
        assert_eq!(f("sr-Latn_v2.txt").as_deref(), Some("sr-Latn"));
        assert_eq!(f("article.de-CH-v2.txt").as_deref(), Some("de-CH"));
        // A mark shaped like a variant that the registry does not hold is
        // no subtag either, nor a number glued to the tag.
        assert_eq!(f("sq-final.txt").as_deref(), Some("sq"));
        assert_eq!(f("sq-draft.txt").as_deref(), Some("sq"));
        assert_eq!(f("sq-reviewed.txt").as_deref(), Some("sq"));
        assert_eq!(f("article.sq-final.txt").as_deref(), Some("sq"));
        assert_eq!(f("sr-Latn-fixed.txt").as_deref(), Some("sr-Latn"));
        assert_eq!(f("sr-Cyrl2.txt").as_deref(), Some("sr-Cyrl"));
        assert_eq!(f("de-CH2.txt").as_deref(), Some("de-CH"));
        // A registered variant is.
        assert_eq!(f("de-1996.txt").as_deref(), Some("de-1996"));
        assert_eq!(f("sl-rozaj.txt").as_deref(), Some("sl-rozaj"));
        assert_eq!(f("ca-valencia.txt").as_deref(), Some("ca-valencia"));
        assert_eq!(f("README"), None);
        // Any code with a two-letter form, but an extension only if common.
        assert_eq!(f("dan.txt").as_deref(), Some("da"));
        assert_eq!(f("article.jpn.txt").as_deref(), Some("ja"));
        assert_eq!(f("iw.txt").as_deref(), Some("he"));
        assert_eq!(f("dan_Latn.devtest").as_deref(), Some("da"));
        assert_eq!(f("eng_Latn.devtest").as_deref(), Some("en"));
        assert_eq!(f("srp_Cyrl.devtest").as_deref(), Some("sr-Cyrl"));
        assert_eq!(f("notes.bak"), None);
        assert_eq!(f("article.en.txt.bak").as_deref(), Some("en"));
    }

    #[test]
    fn strict_tags_are_well_formed_and_shortest() {
        for good in [
            "en", "sq", "sr-Latn", "sr-Cyrl", "de-CH", "pt-BR", "als", "cnr",
        ] {
            assert_eq!(strict(good).unwrap(), good);
        }
        let err = |t: &str| strict(t).unwrap_err().to_string();
        assert!(err("sqi").contains("as `sq`"), "{}", err("sqi"));
        assert!(err("alb").contains("as `sq`"));
        assert!(err("mac").contains("as `mk`"));
        assert!(err("srp-Latn").contains("`srp` as `sr`"));
        assert!(err("al").contains("country code") && err("al").contains("`sq`"));
        assert!(err("xx-YY-zz").contains("not an ISO 639-1"));
        assert!(err("sr-ltn").contains("`ltn` is no script"));
        assert!(
            err("sr-SP-Latn").contains("legacy") && err("sr-SP-Latn").contains("`sr-Latn`"),
            "{}",
            err("sr-SP-Latn")
        );
        assert_eq!(shorter_code("DEU"), Some("de"));
        assert!(err("iw").contains("deprecated") && err("iw").contains("`he`"));
        assert_eq!(shorter_code("als"), None);
    }

    #[test]
    fn legacy_tags_take_todays_form() {
        for (legacy, modern) in [
            ("sr-SP-Latn", "sr-Latn"),
            ("sr-SP-Cyrl", "sr-Cyrl"),
            ("sr-Latn-CS", "sr-Latn"),
            ("sr-Cyrl-YU", "sr-Cyrl"),
            ("sr-CS", "sr"),
            ("uz-UZ-Cyrl", "uz-Cyrl-UZ"),
            ("bs-BA-Latn", "bs-Latn-BA"),
        ] {
            assert_eq!(modernise(legacy).as_deref(), Some(modern), "{legacy}");
            // Latn is Bosnian's Suppress-Script: `bs-BA-Latn` is `bs-BA`.
            let shortest = suppress_script(modern).unwrap_or(modern.to_string());
            assert_eq!(canonical(legacy).unwrap(), shortest, "{legacy}");
            assert!(is_well_formed(modern));
        }
        for current in ["sr-Latn", "sr-Latn-RS", "de-CH", "cs", "cs-CZ", "en-US"] {
            assert_eq!(modernise(current), None, "{current}");
        }
    }

    #[test]
    fn canonical_case() {
        assert_eq!(canonical("SR-latn").unwrap(), "sr-Latn");
        assert_eq!(canonical("pt_br").unwrap(), "pt-BR");
        assert!(canonical("english!").is_err());
        assert_eq!(canonical("zh-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(canonical("sr-sp-latn").unwrap(), "sr-Latn");
        for good in [
            "es-419",
            "sl-rozaj-biske",
            "de-CH-1901",
            "en-x-tm",
            "en-US-u-ca-gregory",
        ] {
            assert!(is_well_formed(&canonical(good).unwrap()), "{good}");
        }
        for bad in ["sq-r1", "sq-v2", "sr-Latn-Cyrl", "de-12"] {
            assert!(
                !is_well_formed(&canonical_as_written(bad).unwrap()),
                "{bad}"
            );
        }
    }
}
