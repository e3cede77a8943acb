//! Sentence pairs that a workspace could already hold for a language pair,
//! taken from the public corpora of `../shared/corpora` (NTREX-128 news,
//! FLORES-200 wiki text, Tatoeba everyday sentences): the "TM as a
//! dictionary" of issue 8, seeded from other sources than the test sets.
//!
//! Every set is line-parallel; NTREX and FLORES are multi-parallel, so two
//! of their translations (de and fr) pair line by line as well.

use std::path::Path;

use anyhow::bail;

use crate::zcat::zcat;

/// Pairs (source, target) for `src` → `tgt`: the bench sets' language pairs
/// de-fr, en-is, hu-en, en-sr.
pub fn pairs(corpora: &Path, src: &str, tgt: &str) -> anyhow::Result<Vec<(String, String)>> {
    let ntrex =
        |code: &str| zcat(&corpora.join(format!("ntrex128/newstest2019-ref.{code}.txt.gz")));
    let flores = |code: &str| zcat(&corpora.join(format!("flores200-devtest/{code}.devtest.gz")));
    // Tatoeba rows `pair<TAB>label<TAB>english<TAB>other`, English first.
    let tatoeba = |labels: &[&str]| -> anyhow::Result<Vec<(String, String)>> {
        let rows = zcat(&corpora.join("tatoeba-test-v2021-08-07/eng-all.tsv.xz"))?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let f: Vec<&str> = r.split('\t').collect();
                (f.len() == 4 && labels.contains(&f[1]))
                    .then(|| (f[2].to_string(), f[3].to_string()))
            })
            .collect())
    };
    let zip = |a: Vec<String>, b: Vec<String>| a.into_iter().zip(b).collect::<Vec<_>>();
    let flip = |v: Vec<(String, String)>| v.into_iter().map(|(a, b)| (b, a)).collect();
    Ok(match (src, tgt) {
        ("de", "fr") => {
            let mut v = zip(ntrex("deu")?, ntrex("fra")?);
            v.extend(zip(flores("deu_Latn")?, flores("fra_Latn")?));
            v
        }
        ("en", "is") => tatoeba(&["isl"])?,
        ("hu", "en") => flip(tatoeba(&["hun"])?),
        ("en", "sr") => {
            let mut v = tatoeba(&["srp_Latn", "srp_Cyrl"])?;
            let en = zcat(&corpora.join("ntrex128/newstest2019-src.eng.txt.gz"))?;
            v.extend(zip(en, ntrex("srp-Latn")?));
            v.extend(zip(flores("eng_Latn")?, flores("srp_Cyrl")?));
            v
        }
        _ => bail!("no seed corpus for {src}-{tgt}"),
    })
}
