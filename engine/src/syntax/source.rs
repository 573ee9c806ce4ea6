//! Decoding a source file's bytes to text as CPython does: a UTF-8 BOM, a PEP 263 coding
//! cookie on line 1 or 2, UTF-8 by default; with CPython's error messages.
//!
//! Supported encodings: UTF-8, Latin-1 (ISO-8859-1), ASCII and CP1252 natively, and the
//! other single- and multi-byte codecs that the WHATWG encoding standard shares with Python
//! (KOI8-R/U, ISO-8859-2…16, CP125x, CP866, Mac Roman, Shift-JIS, EUC-JP/KR, GBK, GB18030,
//! Big5, ISO-2022-JP) through `encoding_rs`. Other encodings Python knows are refused with an
//! "encoding problem" error; names Python does not know are "unknown encoding".

use super::error::SyntaxError;
use super::text::{TextRange, TextSize};

/// Decodes a source file's bytes as CPython does.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let offset = bytes.len() - body.len();
    let encoding = match coding_cookie(body) {
        None => Encoding::Utf8,
        Some(name) if bom && name != "utf-8" => {
            return Err(error(format!("encoding problem: {name} with BOM"), 0));
        }
        Some(name) => lookup(&name)?,
    };
    match encoding {
        Encoding::Utf8 => decode_utf8(body, offset),
        Encoding::Latin1 => Ok(body.iter().map(|&b| b as char).collect()),
        Encoding::Ascii => match body.iter().position(|b| !b.is_ascii()) {
            None => Ok(body.iter().map(|&b| b as char).collect()),
            Some(at) => Err(error(
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {at}: ordinal not in range(128)",
                    body[at]
                ),
                0,
            )),
        },
        Encoding::Other(codec) => {
            let (text, had_errors) = codec.decode_without_bom_handling(body);
            if had_errors {
                return Err(error(
                    format!("(unicode error) '{}' codec can't decode the source", codec.name()),
                    0,
                ));
            }
            Ok(text.into_owned())
        }
        Encoding::Cp1252 => {
            let mut out = String::with_capacity(body.len());
            for (at, &b) in body.iter().enumerate() {
                match cp1252(b) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(error(
                            format!(
                                "'charmap' codec can't decode byte 0x{b:02x} in position {at}: character maps to <undefined>"
                            ),
                            0,
                        ))
                    }
                }
            }
            Ok(out)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    Cp1252,
    Other(&'static encoding_rs::Encoding),
}

/// Python codec names (normalized as `lookup` does) that `encoding_rs` decodes identically.
fn whatwg_codec(key: &str) -> Option<&'static encoding_rs::Encoding> {
    use encoding_rs as e;
    Some(match key {
        "koi8_r" | "cskoi8r" => e::KOI8_R,
        "koi8_u" => e::KOI8_U,
        "iso8859_2" | "iso_8859_2" | "latin2" | "l2" => e::ISO_8859_2,
        "iso8859_3" | "iso_8859_3" | "latin3" | "l3" => e::ISO_8859_3,
        "iso8859_4" | "iso_8859_4" | "latin4" | "l4" => e::ISO_8859_4,
        "iso8859_5" | "iso_8859_5" | "cyrillic" => e::ISO_8859_5,
        "iso8859_6" | "iso_8859_6" | "arabic" => e::ISO_8859_6,
        "iso8859_7" | "iso_8859_7" | "greek" | "greek8" => e::ISO_8859_7,
        "iso8859_8" | "iso_8859_8" | "hebrew" => e::ISO_8859_8,
        "iso8859_10" | "iso_8859_10" | "latin6" | "l6" => e::ISO_8859_10,
        "iso8859_13" | "iso_8859_13" | "latin7" | "l7" => e::ISO_8859_13,
        "iso8859_14" | "iso_8859_14" | "latin8" | "l8" => e::ISO_8859_14,
        "iso8859_15" | "iso_8859_15" | "latin9" | "l9" => e::ISO_8859_15,
        "iso8859_16" | "iso_8859_16" | "latin10" | "l10" => e::ISO_8859_16,
        "cp1250" | "windows_1250" => e::WINDOWS_1250,
        "cp1251" | "windows_1251" => e::WINDOWS_1251,
        "cp1253" | "windows_1253" => e::WINDOWS_1253,
        "cp1254" | "windows_1254" => e::WINDOWS_1254,
        "cp1255" | "windows_1255" => e::WINDOWS_1255,
        "cp1256" | "windows_1256" => e::WINDOWS_1256,
        "cp1257" | "windows_1257" => e::WINDOWS_1257,
        "cp1258" | "windows_1258" => e::WINDOWS_1258,
        "cp866" | "866" | "ibm866" => e::IBM866,
        "mac_roman" | "macroman" | "macintosh" => e::MACINTOSH,
        "mac_cyrillic" | "maccyrillic" => e::X_MAC_CYRILLIC,
        "shift_jis" | "sjis" | "s_jis" | "csshiftjis" => e::SHIFT_JIS,
        "euc_jp" | "eucjp" | "ujis" | "u_jis" => e::EUC_JP,
        "euc_kr" | "euckr" | "korean" | "ksc5601" | "ks_c_5601" | "ks_c_5601_1987" => e::EUC_KR,
        "gbk" | "cp936" | "ms936" | "936" | "gb2312" | "chinese" | "euc_cn" | "euccn" => e::GBK,
        "gb18030" | "gb18030_2000" => e::GB18030,
        "big5" | "big5_tw" | "csbig5" => e::BIG5,
        "iso2022_jp" | "csiso2022jp" | "iso2022jp" | "iso_2022_jp" => e::ISO_2022_JP,
        _ => return None,
    })
}

fn error(message: String, at: usize) -> SyntaxError {
    SyntaxError::new(message, TextRange::empty(at as TextSize))
}

/// The encoding named by a coding cookie on line 1, or on line 2 when line 1 holds only a
/// comment or whitespace; normalized like CPython's `get_normal_name`.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    let mut rest = bytes;
    for _ in 0..2 {
        let len = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(rest.len(), |i| i + 1);
        let line = &rest[..len];
        if let Some(spec) = coding_spec(line) {
            return Some(spec);
        }
        let first = line.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\x0c'));
        if !matches!(first, None | Some(b'#' | b'\n' | b'\r')) {
            return None;
        }
        rest = &rest[len..];
    }
    None
}

/// CPython's `get_coding_spec`: a comment-only line containing `coding[:=]\s*name`.
fn coding_spec(line: &[u8]) -> Option<String> {
    let hash = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    let mut i = hash;
    while i + 6 < line.len() {
        if &line[i..i + 6] == b"coding" && matches!(line[i + 6], b':' | b'=') {
            let mut t = i + 7;
            while t < line.len() && matches!(line[t], b' ' | b'\t') {
                t += 1;
            }
            let begin = t;
            while t < line.len()
                && (line[t].is_ascii_alphanumeric() || matches!(line[t], b'-' | b'_' | b'.'))
            {
                t += 1;
            }
            if begin < t {
                return Some(normal_name(&String::from_utf8_lossy(&line[begin..t])));
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name`: spellings of UTF-8 and Latin-1 (first 12 characters).
fn normal_name(name: &str) -> String {
    let buf: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if buf == "utf-8" || buf.starts_with("utf-8-") {
        "utf-8".into()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&buf.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| buf.starts_with(p))
    {
        "iso-8859-1".into()
    } else {
        name.into()
    }
}

/// Python's codec lookup, for the encodings we decode.
fn lookup(name: &str) -> Result<Encoding, SyntaxError> {
    // encodings.normalize_encoding: runs of non-alphanumerics (but '.') become '_'.
    let mut key = String::new();
    let mut pending = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if pending && !key.is_empty() {
                key.push('_');
            }
            pending = false;
            key.push(c.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    let encoding =
        match key.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001"
            | "utf_8_sig" => Encoding::Utf8,
            "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859"
            | "cp819" | "iso_ir_100" | "csisolatin1" | "iso_8859_1_1987" | "ibm819"
            | "iso_latin_1" => Encoding::Latin1,
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
            | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us"
            | "iso_646.irv_1991" | "iso_ir_6" => Encoding::Ascii,
            "cp1252" | "windows_1252" | "1252" => Encoding::Cp1252,
            _ if whatwg_codec(&key).is_some() => match whatwg_codec(&key) {
                Some(codec) => Encoding::Other(codec),
                None => Encoding::Utf8,
            },
            _ if PYTHON_CODECS.binary_search(&key.as_str()).is_ok() => {
                return Err(error(
                    format!("encoding problem: {name} (not supported by Adder)"),
                    0,
                ));
            }
            _ => return Err(error(format!("unknown encoding: {name}"), 0)),
        };
    Ok(encoding)
}

/// UTF-8, with CPython's message for the first undecodable byte. CPython decodes comments
/// lazily (never), string bodies and names token by token, so invalid bytes in a comment
/// are accepted (we keep U+FFFD) and positions count from the start of the string body or
/// name holding the bad byte (found on its line; a multi-line string counts from its line).
fn decode_utf8(bytes: &[u8], offset: usize) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest_at = 0;
    loop {
        match std::str::from_utf8(&bytes[rest_at..]) {
            Ok(text) => {
                out.push_str(text);
                return Ok(out);
            }
            Err(e) => {
                let bad = rest_at + e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[rest_at..bad]).unwrap_or_default());
                let (start, end, in_comment) = token_around(bytes, bad);
                if !in_comment {
                    return Err(utf8_error(bytes, start, end, bad, offset));
                }
                out.push('\u{fffd}');
                rest_at = bad + e.error_len().unwrap_or(bytes.len() - bad);
            }
        }
    }
}

/// The body of the string or name holding byte `bad`, guessed from its line, and whether the
/// byte is in a comment.
fn token_around(bytes: &[u8], bad: usize) -> (usize, usize, bool) {
    let line_start = bytes[..bad]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let mut quote: Option<(u8, usize)> = None;
    let mut i = line_start;
    while i < bad {
        let b = bytes[i];
        match quote {
            None if b == b'#' => return (i, bad, true),
            None if b == b'"' || b == b'\'' => {
                let triple = bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b);
                let len = if triple { 3 } else { 1 };
                quote = Some((b, len));
                i += len;
                continue;
            }
            Some((q, len)) if b == q && bytes[i..].iter().take(len).all(|&c| c == q) => {
                quote = None;
                i += len;
                continue;
            }
            Some(_) if b == b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    match quote {
        Some((q, _)) => {
            let start = bytes[line_start..bad]
                .iter()
                .rposition(|&b| b == q)
                .map_or(line_start, |p| line_start + p + 1);
            let end = bytes[bad..]
                .iter()
                .position(|&b| b == q || b == b'\n' || b == b'\r')
                .map_or(bytes.len(), |p| bad + p);
            (start, end, false)
        }
        None => {
            let mut start = bad;
            while start > line_start && is_name(bytes[start - 1]) {
                start -= 1;
            }
            let mut end = bad;
            while end < bytes.len() && is_name(bytes[end]) {
                end += 1;
            }
            (start, end, false)
        }
    }
}

/// "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte".
fn utf8_error(bytes: &[u8], start: usize, end: usize, bad: usize, offset: usize) -> SyntaxError {
    let region = &bytes[start..end.max(bad + 1).min(bytes.len())];
    let at = bad - start;
    let byte = bytes[bad];
    let message = match std::str::from_utf8(&region[at..]) {
        Err(e) if e.error_len().is_none() && region.len() - at > 1 => format!(
            "(unicode error) 'utf-8' codec can't decode bytes in position {at}-{}: unexpected end of data",
            region.len() - 1
        ),
        Err(e) if e.error_len().is_none() => format!(
            "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: unexpected end of data"
        ),
        _ => {
            let reason = if (0x80..=0xc1).contains(&byte) || byte >= 0xf5 {
                "invalid start byte"
            } else {
                "invalid continuation byte"
            };
            format!(
                "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {reason}"
            )
        }
    };
    error(message, offset + bad)
}

/// Windows-1252: Latin-1 except 0x80-0x9F; five bytes are undefined.
fn cp1252(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9f => match HIGH[(b - 0x80) as usize] {
            0 => None,
            c => char::from_u32(u32::from(c)),
        },
        _ => Some(b as char),
    }
}

/// Every codec name and alias Python 3.11's registry knows (normalized, sorted).
#[rustfmt::skip]
static PYTHON_CODECS: &[&str] = &[
    "037", "1026", "1125", "1140", "1250", "1251", "1252", "1253", "1254", "1255", "1256", "1257",
    "1258", "273", "424", "437", "500", "646", "775", "850", "852", "855", "857", "858", "860",
    "861", "862", "863", "864", "865", "866", "869", "8859", "932", "936", "949", "950", "ansi",
    "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "arabic", "ascii", "asmo_708", "base64",
    "base64_codec", "base_64", "big5", "big5_hkscs", "big5_tw", "big5hkscs", "bz2", "bz2_codec",
    "charmap", "chinese", "cp037", "cp1006", "cp1026", "cp1051", "cp1125", "cp1140", "cp1250",
    "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp1361",
    "cp154", "cp273", "cp367", "cp424", "cp437", "cp500", "cp65001", "cp720", "cp737", "cp775",
    "cp819", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861", "cp862",
    "cp863", "cp864", "cp865", "cp866", "cp866u", "cp869", "cp874", "cp875", "cp932", "cp936",
    "cp949", "cp950", "cp_gr", "cp_is", "csascii", "csbig5", "cshproman8", "csibm037", "csibm1026",
    "csibm273", "csibm424", "csibm500", "csibm855", "csibm857", "csibm858", "csibm860", "csibm861",
    "csibm863", "csibm864", "csibm865", "csibm866", "csibm869", "csiso2022jp", "csiso2022kr",
    "csiso58gb231280", "csisolatin1", "csisolatin2", "csisolatin3", "csisolatin4", "csisolatin5",
    "csisolatin6", "csisolatinarabic", "csisolatincyrillic", "csisolatingreek", "csisolatinhebrew",
    "cskoi8r", "cspc775baltic", "cspc850multilingual", "cspc862latinhebrew", "cspc8codepage437",
    "cspcp852", "csptcp154", "csshiftjis", "cyrillic", "cyrillic_asian", "dbcs", "ebcdic_cp_be",
    "ebcdic_cp_ca", "ebcdic_cp_ch", "ebcdic_cp_he", "ebcdic_cp_nl", "ebcdic_cp_us", "ebcdic_cp_wt",
    "ecma_114", "ecma_118", "elot_928", "euc_cn", "euc_jis2004", "euc_jis_2004", "euc_jisx0213",
    "euc_jp", "euc_kr", "euccn", "eucgb2312_cn", "eucjis2004", "eucjisx0213", "eucjp", "euckr",
    "gb18030", "gb18030_2000", "gb2312", "gb2312_1980", "gb2312_80", "gbk", "greek", "greek8",
    "hebrew", "hex", "hex_codec", "hkscs", "hp_roman8", "hz", "hz_gb", "hz_gb_2312", "hzgb",
    "ibm037", "ibm039", "ibm1026", "ibm1051", "ibm1125", "ibm1140", "ibm273", "ibm367", "ibm424",
    "ibm437", "ibm500", "ibm775", "ibm819", "ibm850", "ibm852", "ibm855", "ibm857", "ibm858",
    "ibm860", "ibm861", "ibm862", "ibm863", "ibm864", "ibm865", "ibm866", "ibm869", "idna",
    "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3",
    "iso2022_jp_ext", "iso2022_kr", "iso2022jp", "iso2022jp_1", "iso2022jp_2", "iso2022jp_2004",
    "iso2022jp_3", "iso2022jp_ext", "iso2022kr", "iso646_us", "iso8859", "iso8859_1", "iso8859_10",
    "iso8859_11", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9", "iso_2022_jp",
    "iso_2022_jp_1", "iso_2022_jp_2", "iso_2022_jp_2004", "iso_2022_jp_3", "iso_2022_jp_ext",
    "iso_2022_kr", "iso_646.irv_1991", "iso_8859_1", "iso_8859_10", "iso_8859_10_1992",
    "iso_8859_11", "iso_8859_11_2001", "iso_8859_13", "iso_8859_14", "iso_8859_14_1998",
    "iso_8859_15", "iso_8859_16", "iso_8859_16_2001", "iso_8859_1_1987", "iso_8859_2",
    "iso_8859_2_1987", "iso_8859_3", "iso_8859_3_1988", "iso_8859_4", "iso_8859_4_1988",
    "iso_8859_5", "iso_8859_5_1988", "iso_8859_6", "iso_8859_6_1987", "iso_8859_7",
    "iso_8859_7_1987", "iso_8859_8", "iso_8859_8_1988", "iso_8859_9", "iso_8859_9_1989",
    "iso_celtic", "iso_ir_100", "iso_ir_101", "iso_ir_109", "iso_ir_110", "iso_ir_126",
    "iso_ir_127", "iso_ir_138", "iso_ir_144", "iso_ir_148", "iso_ir_157", "iso_ir_166",
    "iso_ir_199", "iso_ir_226", "iso_ir_58", "iso_ir_6", "jisx0213", "johab", "koi8_r", "koi8_t",
    "koi8_u", "korean", "ks_c_5601", "ks_c_5601_1987", "ks_x_1001", "ksc5601", "ksx1001", "kz1048",
    "kz_1048", "l1", "l10", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "latin", "latin1",
    "latin10", "latin2", "latin3", "latin4", "latin5", "latin6", "latin7", "latin8", "latin9",
    "latin_1", "mac_arabic", "mac_centeuro", "mac_croatian", "mac_cyrillic", "mac_farsi",
    "mac_greek", "mac_iceland", "mac_latin2", "mac_roman", "mac_romanian", "mac_turkish",
    "maccentraleurope", "maccyrillic", "macgreek", "maciceland", "macintosh", "maclatin2",
    "macroman", "macturkish", "mbcs", "ms1361", "ms932", "ms936", "ms949", "ms950", "ms_kanji",
    "mskanji", "oem", "palmos", "pt154", "ptcp154", "punycode", "quopri", "quopri_codec",
    "quoted_printable", "quotedprintable", "r8", "raw_unicode_escape", "rk1048", "roman8", "rot13",
    "rot_13", "ruscii", "s_jis", "s_jis_2004", "s_jisx0213", "shift_jis", "shift_jis_2004",
    "shift_jisx0213", "shiftjis", "shiftjis2004", "shiftjisx0213", "sjis", "sjis_2004",
    "sjisx0213", "strk1048_2002", "thai", "tis620", "tis_620", "tis_620_0", "tis_620_2529_0",
    "tis_620_2529_1", "u16", "u32", "u7", "u8", "u_jis", "uhc", "ujis", "undefined",
    "unicode_1_1_utf_7", "unicode_escape", "unicodebigunmarked", "unicodelittleunmarked", "us",
    "us_ascii", "utf", "utf16", "utf32", "utf7", "utf8", "utf8_ucs2", "utf8_ucs4", "utf_16",
    "utf_16_be", "utf_16_le", "utf_16be", "utf_16le", "utf_32", "utf_32_be", "utf_32_le",
    "utf_32be", "utf_32le", "utf_7", "utf_8", "utf_8_sig", "uu", "uu_codec", "windows_1250",
    "windows_1251", "windows_1252", "windows_1253", "windows_1254", "windows_1255", "windows_1256",
    "windows_1257", "windows_1258", "x_mac_japanese", "x_mac_korean", "x_mac_simp_chinese",
    "x_mac_trad_chinese", "zip", "zlib", "zlib_codec",
];

#[cfg(test)]
mod tests {
    use super::decode_source;

    fn decode(bytes: &[u8]) -> String {
        match decode_source(bytes) {
            Ok(text) => text,
            Err(e) => format!("ERR {} @{}", e.message, e.range.start),
        }
    }

    #[test]
    fn decodes_like_cpython() {
        for (bytes, want) in [
            (&b"x = 1\n"[..], "x = 1\n"),
            (b"\xef\xbb\xbfx = 1\n", "x = 1\n"),
            (b"\xef\xbb\xbf# coding: utf-8\n", "# coding: utf-8\n"),
            (b"\xef\xbb\xbf# coding: utf-8-sig\n", "# coding: utf-8-sig\n"),
            (b"\xef\xbb\xbf# coding: utf8\n", "ERR encoding problem: utf8 with BOM @0"),
            (b"\xef\xbb\xbf# coding: latin-1\n", "ERR encoding problem: iso-8859-1 with BOM @0"),
            (b"# coding: uft-8\nx=1\n", "ERR unknown encoding: uft-8 @0"),
            (b"# coding: 0\n", "ERR unknown encoding: 0 @0"),
            (b"# -*- coding: latin-1 -*-\nx = '\xf6'\n", "# -*- coding: latin-1 -*-\nx = 'ö'\n"),
            (b"#!/usr/bin/python\n# vim: set fileencoding=Latin_1 :\n'\xf6'", "#!/usr/bin/python\n# vim: set fileencoding=Latin_1 :\n'ö'"),
            (b"\n# coding=iso8859-1\n'\xe9'", "\n# coding=iso8859-1\n'é'"),
            (b"x = 1\n# coding: latin-1\nx='\xf6'\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start byte @27"),
            (b"# coding: cp1252\n'\x80'", "# coding: cp1252\n'€'"),
            (b"# coding: cp1252\n'\x81'", "ERR 'charmap' codec can't decode byte 0x81 in position 18: character maps to <undefined> @0"),
            (b"# coding: ascii\n'\xf6'", "ERR 'ascii' codec can't decode byte 0xf6 in position 17: ordinal not in range(128) @0"),
            (b"# coding: koi8-r\n'\xc1'", "# coding: koi8-r\n'а'"),
            (b"# coding: euc-jp\n'\xa4\xa2'", "# coding: euc-jp\n'あ'"),
            (b"# coding: utf-16\n", "ERR encoding problem: utf-16 (not supported by Adder) @0"),
            (b"x = 1\ny = \"a\xf6\"\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte @12"),
            (b"x\xf6 = 1\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte @1"),
            (b"y = \"\xe9\xf6\"\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: invalid continuation byte @5"),
            (b"x=\"\xc3\"\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 0: unexpected end of data @3"),
            (b"x=\"\xe2\x82\"\n", "ERR (unicode error) 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data @3"),
            (b"x=\"\xed\xa0\x80\"\n", "ERR (unicode error) 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte @3"),
            (b"x = 1 # \xf6\n", "x = 1 # \u{fffd}\n"),
        ] {
            assert_eq!(decode(bytes), want, "{bytes:?}");
        }
    }
}
