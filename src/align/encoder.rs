//! An optional sentence encoder (`--model DIR`, `FRAMEDIFF_MODEL`): a BERT-family
//! sentence-transformers model read from a directory on disk and run on the CPU.
//!
//! Why: words and character grams only see what two sentences share on the surface, so a
//! paraphrase that changes every word, or the same sentence in another language (with a
//! multilingual model), scores near 0. A sentence encoder maps both to nearby vectors, and the
//! cosine of the two vectors is a signal of its own in [`super::similarity`].
//!
//! What it computes is exactly what sentence-transformers computes for such a model
//! (all-MiniLM-L6-v2, paraphrase-multilingual-MiniLM-L12-v2, …): the tokenizer of
//! `tokenizer.json` truncated at the model's `max_seq_length` (`sentence_bert_config.json`), the
//! BERT encoder of `config.json` + `model.safetensors`, then the pooling of
//! `1_Pooling/config.json` (mean over the attention mask, or the `[CLS]` token) and L2
//! normalisation. The tests compare its output with reference values computed by an independent
//! implementation.
//!
//! The model is loaded once and shared: an [`Encoder`] is `Send + Sync`, holds no global state
//! and encodes sentences in batches of similar length (a batch is padded to its longest
//! sentence, so grouping by length wastes little work on padding).
//!
//! The real encoder needs the cargo feature `model` (on by default); a build without it still
//! has the type, and [`Encoder::load`] says that the feature is missing.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// Sentences encoded together: large enough to keep the matrix products busy, small enough that
/// a batch of long sentences stays a few megabytes.
pub const BATCH: usize = 32;

/// A loaded sentence encoder. Cheap to share (`Arc<Encoder>`), safe to use from several threads.
pub struct Encoder {
    dir: PathBuf,
    /// Vectors already computed, by text, when [`Encoder::memoized`] asked for it.
    memo: Option<Mutex<HashMap<String, Vec<f32>>>>,
    #[cfg(feature = "model")]
    inner: imp::Bert,
}

impl fmt::Debug for Encoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Encoder").field("dir", &self.dir).finish()
    }
}

impl Encoder {
    /// Load the model in `dir`. A missing or malformed file, or weights of the wrong shape, is
    /// an [`Error::Input`] naming the file.
    pub fn load(dir: &Path) -> Result<Encoder> {
        if !dir.is_dir() {
            return Err(Error::input(
                dir,
                "not a directory (a sentence-transformers model: config.json, model.safetensors, tokenizer.json)",
            ));
        }
        #[cfg(feature = "model")]
        {
            Ok(Encoder {
                dir: dir.to_path_buf(),
                memo: None,
                inner: imp::Bert::load(dir)?,
            })
        }
        #[cfg(not(feature = "model"))]
        {
            Err(Error::input(
                dir,
                "this framediff was built without the sentence encoder (cargo feature `model`)",
            ))
        }
    }

    /// The same encoder remembering every text's vector, for a caller that encodes the same
    /// sentences many times (the measurement harness's sweeps). Not for output: a remembered
    /// vector was computed in whichever batch came first, and a batch's padding can move the last
    /// bits of a float, so output would depend on the order of calls.
    #[doc(hidden)]
    pub fn memoized(mut self) -> Encoder {
        self.memo = Some(Mutex::new(HashMap::new()));
        self
    }

    /// The model directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// One unit-length vector per text, in order. Texts longer than the model's
    /// `max_seq_length` tokens are truncated, as sentence-transformers does.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let Some(memo) = &self.memo else {
            return self.encode_batches(texts);
        };
        let lock = || memo.lock().unwrap_or_else(|e| e.into_inner());
        let missing: Vec<&str> = {
            let m = lock();
            let mut v: Vec<&str> = texts
                .iter()
                .copied()
                .filter(|t| !m.contains_key(*t))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        let fresh = self.encode_batches(&missing)?;
        let mut m = lock();
        for (t, v) in missing.into_iter().zip(fresh) {
            m.insert(t.to_string(), v);
        }
        Ok(texts.iter().map(|t| m[*t].clone()).collect())
    }

    fn encode_batches(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        #[cfg(feature = "model")]
        {
            // Longest first, so each batch holds texts of similar length; ties keep input order,
            // so the batches (and so the floating-point results) depend on the input only.
            let mut order: Vec<usize> = (0..texts.len()).collect();
            order.sort_by_key(|&k| std::cmp::Reverse(texts[k].len()));
            let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
            for chunk in order.chunks(BATCH) {
                let batch: Vec<&str> = chunk.iter().map(|&k| texts[k]).collect();
                let vectors = self
                    .inner
                    .encode(&batch)
                    .map_err(|m| Error::input(&self.dir, m))?;
                for (&k, v) in chunk.iter().zip(vectors) {
                    out[k] = v;
                }
            }
            Ok(out)
        }
        #[cfg(not(feature = "model"))]
        {
            // Unreachable: `load` is the only constructor and fails without the feature.
            let _ = texts;
            Err(Error::input(
                &self.dir,
                "built without the sentence encoder",
            ))
        }
    }
}

/// Cosine of two vectors (0 when either is all zeros).
pub fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let (mut dot, mut na, mut nb) = (0.0f64, 0.0f64, 0.0f64);
    for (&x, &y) in a.iter().zip(b) {
        let (x, y) = (f64::from(x), f64::from(y));
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na > 0.0 && nb > 0.0 {
        dot / (na.sqrt() * nb.sqrt())
    } else {
        0.0
    }
}

#[cfg(feature = "model")]
mod imp {
    //! The model itself: candle's BERT, the `tokenizers` tokenizer, and the pooling.

    use std::path::Path;

    use candle_core::{DType, Device, Tensor};
    use candle_nn::VarBuilder;
    use candle_transformers::models::bert::{BertModel, Config};
    use serde::Deserialize;
    use tokenizers::{Tokenizer, TruncationParams};

    use crate::error::{Error, Result};

    /// How token vectors become one sentence vector (sentence-transformers' `Pooling` module).
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Pooling {
        Mean,
        Cls,
    }

    pub(super) struct Bert {
        model: BertModel,
        tokenizer: Tokenizer,
        pooling: Pooling,
        pad_id: u32,
    }

    #[derive(Deserialize)]
    struct SentenceBertConfig {
        max_seq_length: Option<usize>,
    }

    #[derive(Deserialize)]
    struct Module {
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        path: String,
    }

    #[derive(Deserialize, Default)]
    struct PoolingConfig {
        #[serde(default)]
        pooling_mode_cls_token: bool,
        #[serde(default)]
        pooling_mode_mean_tokens: bool,
        #[serde(default)]
        pooling_mode_max_tokens: bool,
        #[serde(default)]
        pooling_mode_mean_sqrt_len_tokens: bool,
    }

    fn read(path: &Path) -> Result<Vec<u8>> {
        std::fs::read(path).map_err(|e| Error::io(path, e))
    }

    fn json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
        let bytes = read(path)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::input(path, format!("not a valid model file: {e}")))
    }

    /// The pooling the model was trained with: `modules.json` names the Pooling module's
    /// folder; a model without `modules.json` (a plain BERT) gets sentence-transformers'
    /// default, mean pooling.
    fn pooling(dir: &Path) -> Result<Pooling> {
        let modules_path = dir.join("modules.json");
        if !modules_path.is_file() {
            return Ok(Pooling::Mean);
        }
        let modules: Vec<Module> = json(&modules_path)?;
        let Some(m) = modules.iter().find(|m| m.kind.ends_with(".Pooling")) else {
            return Ok(Pooling::Mean);
        };
        let path = dir.join(&m.path).join("config.json");
        if !path.is_file() {
            return Ok(Pooling::Mean);
        }
        let c: PoolingConfig = json(&path)?;
        match (
            c.pooling_mode_mean_tokens,
            c.pooling_mode_cls_token,
            c.pooling_mode_max_tokens || c.pooling_mode_mean_sqrt_len_tokens,
        ) {
            (true, false, false) => Ok(Pooling::Mean),
            (false, true, false) => Ok(Pooling::Cls),
            _ => Err(Error::input(
                &path,
                "unsupported pooling (only mean or CLS pooling alone is supported)",
            )),
        }
    }

    impl Bert {
        pub(super) fn load(dir: &Path) -> Result<Bert> {
            let config_path = dir.join("config.json");
            let config: Config = json(&config_path)?;
            let st_path = dir.join("sentence_bert_config.json");
            let max_seq = if st_path.is_file() {
                json::<SentenceBertConfig>(&st_path)?.max_seq_length
            } else {
                None
            }
            .unwrap_or(512)
            .min(config.max_position_embeddings)
            .max(2);
            let pooling = pooling(dir)?;

            let tok_path = dir.join("tokenizer.json");
            let tok_bytes = read(&tok_path)?;
            let mut tokenizer = Tokenizer::from_bytes(&tok_bytes)
                .map_err(|e| Error::input(&tok_path, format!("not a valid tokenizer: {e}")))?;
            tokenizer.with_padding(None);
            tokenizer
                .with_truncation(Some(TruncationParams {
                    max_length: max_seq,
                    ..TruncationParams::default()
                }))
                .map_err(|e| Error::input(&tok_path, format!("not a valid tokenizer: {e}")))?;
            let pad_id = tokenizer
                .get_padding()
                .map(|p| p.pad_id)
                .unwrap_or(config.pad_token_id as u32);

            let st = dir.join("model.safetensors");
            let weights = read(&st)?;
            let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &Device::Cpu)
                .map_err(|e| {
                    Error::input(&st, format!("not valid safetensors: {}", one_line(&e)))
                })?;
            let model = BertModel::load(vb, &config).map_err(|e| {
                Error::input(
                    &st,
                    format!("weights do not fit config.json: {}", one_line(&e)),
                )
            })?;
            // The vocabulary must fit the embedding table, or a token id would index past it.
            if tokenizer.get_vocab_size(true) > config.vocab_size {
                return Err(Error::input(
                    &tok_path,
                    format!(
                        "the tokenizer has {} tokens, the model's vocab_size is {}",
                        tokenizer.get_vocab_size(true),
                        config.vocab_size
                    ),
                ));
            }
            Ok(Bert {
                model,
                tokenizer,
                pooling,
                pad_id,
            })
        }

        /// Unit vectors of one batch (messages are one line, without the path).
        pub(super) fn encode(&self, texts: &[&str]) -> std::result::Result<Vec<Vec<f32>>, String> {
            if texts.is_empty() {
                return Ok(Vec::new());
            }
            let encodings = self
                .tokenizer
                .encode_batch(texts.to_vec(), true)
                .map_err(|e| format!("tokenizing failed: {e}"))?;
            let len = encodings
                .iter()
                .map(|e| e.get_ids().len())
                .max()
                .unwrap_or(0)
                .max(1);
            let n = encodings.len();
            let mut ids = vec![self.pad_id; n * len];
            let mut types = vec![0u32; n * len];
            let mut mask = vec![0u32; n * len];
            for (k, e) in encodings.iter().enumerate() {
                for (t, (&id, &ty)) in e.get_ids().iter().zip(e.get_type_ids()).enumerate() {
                    ids[k * len + t] = id;
                    types[k * len + t] = ty;
                    mask[k * len + t] = 1;
                }
            }
            let run = || -> candle_core::Result<Vec<Vec<f32>>> {
                let dev = &self.model.device;
                let ids = Tensor::from_vec(ids, (n, len), dev)?;
                let types = Tensor::from_vec(types, (n, len), dev)?;
                let mask = Tensor::from_vec(mask, (n, len), dev)?;
                let hidden = self.model.forward(&ids, &types, Some(&mask))?;
                let pooled = match self.pooling {
                    Pooling::Cls => hidden.narrow(1, 0, 1)?.squeeze(1)?,
                    Pooling::Mean => {
                        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
                        let sum = hidden.broadcast_mul(&m)?.sum(1)?;
                        let count = m.sum(1)?.clamp(1e-9f32, f32::MAX)?;
                        sum.broadcast_div(&count)?
                    }
                };
                let norm = pooled
                    .sqr()?
                    .sum_keepdim(1)?
                    .sqrt()?
                    .clamp(1e-12f32, f32::MAX)?;
                pooled.broadcast_div(&norm)?.to_vec2::<f32>()
            };
            run().map_err(|e| format!("the model failed: {}", one_line(&e)))
        }
    }

    /// candle's errors may carry a backtrace on further lines; the message is the first.
    fn one_line(e: &candle_core::Error) -> String {
        e.to_string().lines().next().unwrap_or("").to_string()
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn the_encoder_is_send_and_sync() {
            fn check<T: Send + Sync>() {}
            check::<super::super::Encoder>();
        }
    }
}

/// The embeddings of both reports' sentences, as [`super::similarity::Scorer`] uses them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embeddings {
    /// One unit vector per sentence of A.
    pub a: Vec<Vec<f32>>,
    /// One unit vector per sentence of B.
    pub b: Vec<Vec<f32>>,
    /// The cosine that counts as 0: unrelated sentences of one topic still have vectors some
    /// way apart from orthogonal, and the other signals give such pairs about 0.
    pub floor: f64,
}

impl Embeddings {
    /// Encode both sides' sentences.
    pub fn new(encoder: &Encoder, a: &[&str], b: &[&str]) -> Result<Embeddings> {
        Ok(Embeddings {
            a: encoder.encode(a)?,
            b: encoder.encode(b)?,
            floor: 0.0,
        })
    }

    /// The signal of sentence `i` of A and `j` of B: their cosine rescaled so that
    /// [`Embeddings::floor`] and below are 0 and 1 stays 1 (the other signals are in 0..=1 too,
    /// and "unlike" is all a low cosine says).
    pub fn pair(&self, i: usize, j: usize) -> Option<f64> {
        let (x, y) = (self.a.get(i)?, self.b.get(j)?);
        Some(self.rescale(cosine(x, y)))
    }

    fn rescale(&self, c: f64) -> f64 {
        if self.floor >= 1.0 {
            return 0.0;
        }
        ((c - self.floor) / (1.0 - self.floor)).clamp(0.0, 1.0)
    }

    /// The signal of runs of sentences: the cosine of the runs' summed (unit) vectors, so each
    /// sentence of a run counts alike, as in a mean of the vectors.
    pub fn group(&self, a: std::ops::Range<usize>, b: std::ops::Range<usize>) -> Option<f64> {
        let sum = |v: &[Vec<f32>]| -> Option<Vec<f32>> {
            let mut s = vec![0.0f32; v.first()?.len()];
            for x in v {
                s.iter_mut().zip(x).for_each(|(s, x)| *s += x);
            }
            Some(s)
        };
        let (x, y) = (sum(self.a.get(a)?)?, sum(self.b.get(b)?)?);
        Some(self.rescale(cosine(&x, &y)))
    }

    /// The `k` sentences of B nearest to sentence `i` of A (ties by index), for candidate
    /// generation: a pair with no word or gram in common (a translation) must still be scored.
    /// Every sentence of B is looked at: the encoder's own cost dwarfs these dot products.
    pub fn nearest(&self, i: usize, k: usize) -> Vec<usize> {
        let Some(x) = self.a.get(i) else {
            return Vec::new();
        };
        let mut all: Vec<(f64, usize)> = self
            .b
            .iter()
            .enumerate()
            .map(|(j, y)| (cosine(x, y), j))
            .collect();
        let by_score = |p: &(f64, usize), q: &(f64, usize)| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1));
        if all.len() > k {
            all.select_nth_unstable_by(k, by_score);
            all.truncate(k);
        }
        all.into_iter().map(|(_, j)| j).collect()
    }
}
