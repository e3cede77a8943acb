//! Reading input documents: UTF-8 (the error names the byte offset and line)
//! or UTF-16 with a BOM; a UTF-8 BOM is dropped, CRLF and CR line ends
//! become LF.

use std::path::Path;

use anyhow::{Context, bail};

/// Read a text file for segmentation or alignment; `-` is standard input.
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let bytes = read_bytes(path)?;
    let name = display_name(path);
    let text = decode(&bytes).with_context(|| format!("{name} is not valid UTF-8 text"))?;
    if text.trim().is_empty() {
        bail!("{name} is empty: there is no text to work on");
    }
    Ok(text)
}

/// The bytes of a file (not a directory); `-` is standard input.
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    Ok(if is_stdin(path) {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .context("cannot read standard input")?;
        b
    } else {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            bail!("{} is a directory, not a text file", path.display());
        }
        std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?
    })
}

/// `-`: standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// How errors name an input: its path, or "standard input" for `-`.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "standard input".to_string()
    } else {
        path.display().to_string()
    }
}

/// Decode UTF-8 bytes (BOM dropped, line ends normalised to LF), or UTF-16
/// with a BOM (what Windows editors save as "Unicode" text).
pub fn decode(bytes: &[u8]) -> anyhow::Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes)
        && enc != encoding_rs::UTF_8
    {
        let Some(text) = enc.decode_without_bom_handling_and_without_replacement(&bytes[bom..])
        else {
            bail!(
                "nor valid {} text, though it begins with its byte-order mark",
                enc.name()
            );
        };
        return Ok(normalise(&text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            bail!(
                "invalid UTF-8 byte 0x{:02X} at byte offset {at} (line {line})",
                bytes[at]
            );
        }
    };
    Ok(normalise(text))
}

/// Decoded text as every reader takes it: CRLF and CR line ends become LF,
/// and a BOM that starts a line (that of a file concatenated in) is dropped.
pub fn normalise(text: &str) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if text.contains("\n\u{FEFF}") {
        text.replace("\n\u{FEFF}", "\n")
    } else {
        text
    }
}

/// Refuse a document whose sentences hold a character the TM cannot hold
/// ([`crate::text::Unstorable`]), naming `name:line:column`. What a unit
/// stores is a run of sentences of one paragraph with what lies between
/// them, so each paragraph's span is checked; text outside every sentence
/// (a form feed alone on a line) is never stored.
pub fn check_storable(
    name: &str,
    text: &str,
    sentences: &[crate::segment::Sentence],
) -> anyhow::Result<()> {
    let mut i = 0;
    while i < sentences.len() {
        let first = &sentences[i];
        while i + 1 < sentences.len() && sentences[i + 1].paragraph == first.paragraph {
            i += 1;
        }
        let span = first.start..sentences[i].end.max(first.start);
        i += 1;
        if let Some(bad) = crate::text::unstorable(&text[span.clone()]) {
            let at = span.start + bad.offset;
            let line = text[..at].matches('\n').count() + 1;
            let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
            let column = text[line_start..at].chars().count() + 1;
            bail!("{name}:{line}:{column}: the text holds {bad}");
        }
    }
    Ok(())
}

/// The text of the workspace file (`tm.toml`) at `path`, or None when the
/// workspace has none.
pub fn read_workspace_file(path: &Path) -> anyhow::Result<Option<String>> {
    if !path.exists() {
        return Ok(None);
    }
    std::fs::read_to_string(path)
        .map(Some)
        .with_context(|| format!("cannot read the workspace file {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_bad_byte() {
        let err = decode(b"ok\nbad \xFF here").unwrap_err().to_string();
        assert!(err.contains("0xFF"), "{err}");
        assert!(err.contains("byte offset 7"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn drops_bom_and_crlf() {
        assert_eq!(decode(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap(), "a\nb\n");
    }

    #[test]
    fn reads_utf16_with_a_bom() {
        let text = "Priština\r\nБеоград\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Priština\nБеоград\n");
        assert_eq!(decode(&be).unwrap(), "Priština\nБеоград\n");
        let err = decode(&le[..le.len() - 1]).unwrap_err().to_string();
        assert!(err.contains("UTF-16LE"), "{err}");
    }
}
