//! JSON output: [`pretty`] for every `framediff.*/1` document, and a re-reader
//! ([`object_entries`], [`write_object`]) that prints a long JSON text with every object's keys
//! sorted without building a `serde_json::Value` of it (the report JSON).
//!
//! Serialisation errors (a map with non-string keys, say: none of framediff's types has one)
//! come back as `io::ErrorKind::InvalidData` errors carrying the `serde_json::Error`, which
//! [`crate::output::render_error`] reports as an internal error rather than a write failure.

use std::io::{self, Write};

use serde::Serialize;

/// `value` as pretty JSON (two-space indent) with a final newline.
pub fn pretty<T: Serialize + ?Sized>(w: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value)?;
    w.write_all(b"\n")
}

/// The entries of the JSON object in `text`, each value already printed one level in (as
/// [`write_object`] prints them), for a caller that adds or replaces entries before [`write_object`].
pub fn object_entries(text: &[u8]) -> io::Result<Vec<(String, Rope)>> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let entries = Pretty { indent: 0 }.object_entries(&mut de)?;
    de.end()?;
    Ok(entries)
}

/// Write the object of `entries` (values printed one level in, see [`object_entries`]) as
/// `serde_json` pretty-prints a `Value` of it: keys sorted, a later duplicate key replacing an
/// earlier one, and a final newline.
pub fn write_object(w: &mut dyn Write, entries: Vec<(String, Rope)>) -> io::Result<()> {
    let object = Pretty { indent: 0 }.object(entries);
    for chunk in object.chunks {
        w.write_all(chunk.as_bytes())?;
    }
    w.write_all(b"\n")
}

/// Text in chunks: the JSON of a long comparison is hundreds of megabytes, and the parts of an
/// object are joined by moving their chunks rather than copying them into one new string.
///
/// This is not an output channel: output goes to an `io::Write`. It is the buffer in which
/// the re-reader holds an object's values until it has read all its keys (sorting keys needs them
/// all), and whose big chunks move, rather than being copied, into the enclosing object.
#[derive(Default)]
pub struct Rope {
    chunks: Vec<String>,
}

/// A chunk stops growing at this size.
const ROPE_CHUNK: usize = 1 << 20;

impl From<String> for Rope {
    fn from(s: String) -> Rope {
        Rope { chunks: vec![s] }
    }
}

impl Rope {
    /// Append `s`.
    pub fn push_str(&mut self, s: &str) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < ROPE_CHUNK => last.push_str(s),
            _ => {
                if let Some(last) = self.chunks.last_mut() {
                    last.shrink_to_fit();
                }
                self.chunks.push(s.to_string());
            }
        }
    }

    /// Append `other`: small chunks are copied (millions of small objects must not stay
    /// millions of strings), big ones moved.
    fn append(&mut self, other: Rope) {
        for c in other.chunks {
            if c.len() < ROPE_CHUNK / 16 {
                self.push_str(&c);
            } else {
                if let Some(last) = self.chunks.last_mut() {
                    last.shrink_to_fit();
                }
                self.chunks.push(c);
            }
        }
    }
}

/// Reads one JSON value and writes it as `serde_json`'s pretty printer writes a `Value` of it
/// (two-space indent, object keys sorted, a later duplicate key replacing an earlier one) at
/// nesting depth `indent`.
#[derive(Clone, Copy)]
struct Pretty {
    indent: usize,
}

impl Pretty {
    fn inner(self) -> Pretty {
        Pretty {
            indent: self.indent + 1,
        }
    }

    fn newline(self, out: &mut Rope) {
        out.push_str("\n");
        for _ in 0..self.indent {
            out.push_str("  ");
        }
    }

    /// The entries of the object `de` holds, values written one level in.
    fn object_entries<'de, D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Vec<(String, Rope)>, D::Error> {
        struct Entries(Pretty);
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Vec<(String, Rope)>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value_seed(self.0.inner())?;
                    entries.push((key, value));
                }
                Ok(entries)
            }
        }
        de.deserialize_map(Entries(self))
    }

    /// An object of `entries` (values already written one level in), keys sorted.
    fn object(self, mut entries: Vec<(String, Rope)>) -> Rope {
        let mut out = Rope::default();
        if entries.is_empty() {
            out.push_str("{}");
            return out;
        }
        // stable: among equal keys the last one read is last, and it is the one kept
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(String, Rope)> = Vec::with_capacity(entries.len());
        for e in entries {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        out.push_str("{");
        for (i, (key, value)) in kept.into_iter().enumerate() {
            if i > 0 {
                out.push_str(",");
            }
            self.inner().newline(&mut out);
            // a String always serializes
            out.push_str(&serde_json::to_string(&key).unwrap_or_default());
            out.push_str(": ");
            out.append(value);
        }
        self.newline(&mut out);
        out.push_str("}");
        out
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Pretty {
    type Value = Rope;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Rope, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Pretty {
    type Value = Rope;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Rope, E> {
        Ok(Rope::from(v.to_string()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Rope, E> {
        // as `Value` prints it (non-finite numbers never come out of the parser)
        serde_json::to_string(&v).map(Rope::from).map_err(E::custom)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Rope, E> {
        serde_json::to_string(v).map(Rope::from).map_err(E::custom)
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Rope, E> {
        Ok(Rope::from("null".to_string()))
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Rope, E> {
        self.visit_unit()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, de: D) -> std::result::Result<Rope, D::Error> {
        de.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Rope, A::Error> {
        let mut out = Rope::from("[".to_string());
        let mut any = false;
        while let Some(item) = seq.next_element_seed(self.inner())? {
            if any {
                out.push_str(",");
            }
            any = true;
            self.inner().newline(&mut out);
            out.append(item);
        }
        if any {
            self.newline(&mut out);
        }
        out.push_str("]");
        Ok(out)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Rope, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.inner())?;
            entries.push((key, value));
        }
        Ok(self.object(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the report JSON was before it was streamed: a `Value` pretty-printed.
    fn via_value(text: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::to_string_pretty(&v).unwrap()
    }

    fn streamed(text: &str) -> String {
        let mut de = serde_json::Deserializer::from_str(text);
        let rope = serde::de::DeserializeSeed::deserialize(Pretty { indent: 0 }, &mut de).unwrap();
        de.end().unwrap();
        rope.chunks.concat()
    }

    #[test]
    fn streamed_json_prints_as_a_sorted_value() {
        let text = r#"{"z": [1, -2, 0.1, 1e300, -0.0, 1.0, 18446744073709551615, -9223372036854775808,
            2.5e-8, 0.30000000000000004, 123456789.123456789],
          "b": {"y": null, "x": true, "10": "ten", "2": "two", "": "empty"},
          "dup": 1, "a": [], "o": {}, "nested": [[], [{}], [{"k": [false, "é\"\\\n\u0001<>"]}]],
          "dup": {"last": "wins"}, "ünï": "code", "Z": "upper"}"#;
        assert_eq!(streamed(text), via_value(text));
        for scalar in ["3", "\"s\"", "null", "[]", "{}", "[[[]]]", "-1.5"] {
            assert_eq!(streamed(scalar), via_value(scalar), "{scalar}");
        }
    }

    #[test]
    fn long_arrays_are_chunked_and_join_as_one_text() {
        let items: Vec<String> = (0..60_000)
            .map(|i| {
                format!(
                    r#"{{"text": "sentence number {i} of a long report", "i": {i}, "score": {}}}"#,
                    i as f64 / 7.0
                )
            })
            .collect();
        let text = format!(r#"{{"rows": [{}], "count": 60000}}"#, items.join(","));
        let mut de = serde_json::Deserializer::from_str(&text);
        let rope = serde::de::DeserializeSeed::deserialize(Pretty { indent: 0 }, &mut de).unwrap();
        assert!(rope.chunks.len() > 2, "{}", rope.chunks.len());
        assert!(rope.chunks.iter().all(|c| c.capacity() <= 2 * ROPE_CHUNK));
        assert_eq!(rope.chunks.concat(), via_value(&text));
    }
}
