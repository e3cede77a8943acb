//! `TM_ALIGN_CONFIG=key=value,…`: aligner settings to try instead of the
//! defaults, shared by the alignment benches (`#[path]`-included).

use anyhow::Context;
use tm::align::Config;

/// `TM_ALIGN_CONFIG=key=value,…`: settings to try instead of the defaults.
pub fn overrides(mut c: Config) -> anyhow::Result<Config> {
    let Ok(spec) = std::env::var("TM_ALIGN_CONFIG") else {
        return Ok(c);
    };
    for kv in spec.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = kv
            .split_once('=')
            .with_context(|| format!("TM_ALIGN_CONFIG: {kv} is not key=value"))?;
        let f: f64 = v
            .parse()
            .with_context(|| format!("TM_ALIGN_CONFIG: {v} is not a number"))?;
        let b = f != 0.0;
        match k {
            "null_cost" => c.null_cost = f,
            "fragment_cost" => c.fragment_cost = f,
            "headline_cost" => c.headline_cost = f,
            "paragraph_cost" => c.paragraph_cost = f,
            "variance" => c.variance = f,
            "support_cost" => c.support_cost = f,
            "support_min" => c.support_min = f,
            "support_words" => c.support_words = f,
            "support_anchors" => c.support_anchors = f,
            "width_discount" => c.width_discount = f,
            "lexical_weight" => c.lexical_weight = f,
            "number_mismatch" => c.number_mismatch = f,
            "second_pass" => c.second_pass = b,
            "model1_min_confidence" => c.model1_min_confidence = f,
            "expect_weight" => c.expect_weight = f,
            "expect_min_count" => c.expect_min_count = f as u32,
            "lexicon_first_pass" => c.lexicon_first_pass = b,
            "refine_passes" => c.refine_passes = f as usize,
            "learn_lexicon" => c.learn_lexicon = b,
            "lexicon_min_dice" => c.lexicon_min_dice = f,
            "model1" => c.model1 = b,
            "model1_weight" => c.model1_weight = f,
            "model1_kappa" => c.model1_kappa = f,
            "model1_symmetric" => c.model1_symmetric = b,
            "model1_iterations" => c.model1_iterations = f as usize,
            "learn_min_confidence" => c.learn_min_confidence = f,
            "band" => c.band = f as usize,
            "ratio_prior_chars" => c.ratio_prior_chars = f,
            "temperature" => c.temperature = f,
            "numbers" => c.anchors.numbers = b,
            "words" => c.anchors.words = b,
            "prefix_len" => c.anchors.prefix_len = f as usize,
            "punctuation" => c.anchors.punctuation = b,
            "phonetic" => c.anchors.phonetic = b,
            _ => anyhow::bail!("TM_ALIGN_CONFIG: unknown key {k}"),
        }
    }
    Ok(c)
}
