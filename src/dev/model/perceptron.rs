//! Averaged perceptron: sparse hashed features, one weight per (feature, class), trained with lazy
//! averaging; stored compactly (sparse rows of 16-bit quantised weights) and loaded once.
use crate::hash::{fnv1a, OFFSET};
use std::collections::HashMap;

use super::table::{prefetch, FeatTable, KEY_SHIFT};

/// A map keyed by feature hashes (hashed no further: `hash::Prehashed`).
pub type FeatMap<V> = HashMap<u64, V, crate::hash::PrehashedBuild>;

/// FNV-1a over bytes, the stable hash every feature goes through (the same in every build).
#[inline]
pub fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    fnv1a(seed ^ OFFSET, bytes)
}

/// Hash of a feature template id and its string value.
#[inline]
pub fn feat(template: u8, value: &str) -> u64 {
    fnv(
        (template as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        value.as_bytes(),
    )
}

/// Hash of a feature template id and two values.
#[inline]
pub fn feat2(template: u8, a: &str, b: &str) -> u64 {
    let h = feat(template, a);
    fnv(h ^ 0x5555, b.as_bytes())
}

/// Most classes a model read from its file may have to keep its rows as 16-bit integers (the
/// scores are summed in a fixed array of this size).
const MAX_QUANT_CLASSES: usize = 64;

/// A trained model: weights per feature for each class.
#[derive(Debug, Default, Clone)]
pub struct Model {
    /// The class names, by index.
    pub classes: Vec<String>,
    rows: FeatTable<u32>,
    /// Rows of a model trained in this process (or read with too many classes for `quant`).
    weights: Vec<f32>,
    /// Rows of a model read from its file, as the file stores them: 16-bit integers, the weight
    /// times `scale` (half the memory traffic of f32 rows, and the same scores).
    quant: Vec<i16>,
    /// The factor of the 16-bit rows of `quant` and `small`.
    scale: f32,
    /// Models with at most four classes keep each row inside the table (one memory access per
    /// feature instead of two: the parser's transition model is looked up most often), as 16-bit
    /// integers so that a slot takes 16 bytes; such a model has no `rows`, `weights` or `quant`.
    small: FeatTable<[i16; 4]>,
}

impl Model {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }
    /// Whether the model has no weights (not trained).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.small.is_empty()
    }
    /// The factor of the 16-bit rows: the file's for a model read from it, otherwise the one
    /// that maps the largest weight to 32767.
    fn rows_scale(&self) -> f32 {
        if !self.quant.is_empty() || !self.small.is_empty() {
            return self.scale;
        }
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-9);
        32767.0 / max
    }
    /// Weight of class `c` in row `r` as a 16-bit integer at `scale` (from [`Model::rows_scale`]).
    fn weight_i16(&self, r: usize, c: usize, scale: f32) -> i16 {
        let i = r * self.classes.len() + c;
        match self.quant.get(i) {
            Some(&q) => q,
            None => (self.weights[i] * scale).round() as i16,
        }
    }
    /// Moves the rows of a just-trained model of at most four classes into `small`, as 16-bit
    /// weights at the scale its file will have (the rows, their table and the f32 weights are
    /// then dropped: `small` alone scores and writes the model). A model read from its file is
    /// built that way directly.
    fn compact(mut self) -> Model {
        let n = self.classes.len();
        if n <= 4 && !self.rows.is_empty() {
            let scale = self.rows_scale();
            let mut small = FeatTable::with_capacity(self.rows.len());
            for (f, &r) in self.rows.iter() {
                let mut w = [0i16; 4];
                for (c, q) in w.iter_mut().enumerate().take(n) {
                    *q = self.weight_i16(r as usize, c, scale);
                }
                small.insert(f, w);
            }
            self.small = small;
            self.scale = scale;
            self.rows = FeatTable::default();
            self.weights = Vec::new();
            self.quant = Vec::new();
        }
        self
    }
    /// Every (feature, 16-bit weights of all classes) row, sorted by feature.
    fn sorted_rows(&self, scale: f32) -> Vec<(u64, Vec<i16>)> {
        let n = self.classes.len();
        let mut out: Vec<(u64, Vec<i16>)> = if self.small.is_empty() {
            self.rows
                .iter()
                .map(|(f, &r)| {
                    (
                        f,
                        (0..n)
                            .map(|c| self.weight_i16(r as usize, c, scale))
                            .collect(),
                    )
                })
                .collect()
        } else {
            self.small
                .iter()
                .map(|(f, w)| (f, w[..n].to_vec()))
                .collect()
        };
        out.sort_unstable_by_key(|r| r.0);
        out
    }
    /// Calls `add` with the row of every feature of `features` the model has. The table slots of
    /// all features are prefetched first, then their rows, so the memory accesses overlap.
    #[inline]
    fn for_each_row<W>(&self, features: &[u64], rows: &[W], mut add: impl FnMut(&[W])) {
        let n = self.classes.len();
        for &f in features {
            self.rows.prefetch(f);
        }
        const CHUNK: usize = 64;
        let mut found = [0u32; CHUNK];
        for chunk in features.chunks(CHUNK) {
            let mut m = 0;
            for &f in chunk {
                if let Some(&r) = self.rows.get(f) {
                    found[m] = r;
                    m += 1;
                    let row = r as usize * n;
                    prefetch(&rows[row]);
                    prefetch(&rows[row + n - 1]);
                }
            }
            for &r in &found[..m] {
                add(&rows[r as usize * n..(r as usize + 1) * n]);
            }
        }
    }
    /// Sets the scores of `features` into `scores` (length = classes).
    #[inline]
    pub fn score_into(&self, features: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        if !self.small.is_empty() {
            for &f in features {
                self.small.prefetch(f);
            }
            let mut acc = [0i32; 4];
            for &f in features {
                if let Some(w) = self.small.get(f) {
                    for (s, &w) in acc.iter_mut().zip(w) {
                        *s += w as i32;
                    }
                }
            }
            self.dequantise(&acc[..n], scores);
        } else if !self.quant.is_empty() {
            let mut acc = [0i32; MAX_QUANT_CLASSES];
            self.for_each_row(features, &self.quant, |w| {
                for (s, &w) in acc.iter_mut().zip(w) {
                    *s += w as i32;
                }
            });
            self.dequantise(&acc[..n], scores);
        } else {
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.for_each_row(features, &self.weights, |w| {
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            });
        }
    }
    /// Scores from sums of 16-bit weights.
    #[inline]
    fn dequantise(&self, acc: &[i32], scores: &mut [f32]) {
        let inv = 1.0 / self.scale;
        for (s, &a) in scores.iter_mut().zip(acc) {
            *s = a as f32 * inv;
        }
    }
    /// The best class among those allowed by `valid` (all when None).
    pub fn predict(&self, features: &[u64], scores: &mut [f32], valid: Option<&[bool]>) -> usize {
        self.score_into(features, scores);
        best(scores, valid)
    }

    /// Serialises: magic, classes, scale, then the rows sorted by feature hash, each as the
    /// difference of its identifying top bits from the previous one's (LEB128), which classes
    /// have a weight (a bit mask up to eight classes, else a count and class numbers) and those
    /// weights as 16-bit integers.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.classes.len();
        let scale = self.rows_scale();
        let mut out = MAGIC.to_vec();
        out.extend((n as u32).to_le_bytes());
        for c in &self.classes {
            out.extend((c.len() as u16).to_le_bytes());
            out.extend(c.as_bytes());
        }
        out.extend(scale.to_le_bytes());
        let mut body = Vec::new();
        let mut count = 0u32;
        let mut prev = 0u64;
        let mut nz: Vec<(usize, i16)> = Vec::with_capacity(n);
        for (f, w) in self.sorted_rows(scale) {
            nz.clear();
            nz.extend(w.iter().copied().enumerate().filter(|&(_, q)| q != 0));
            if nz.is_empty() {
                continue;
            }
            count += 1;
            // the identifying top bits (see table::KEY_SHIFT)
            let f = f >> KEY_SHIFT;
            let mut d = f - prev;
            prev = f;
            while d >= 0x80 {
                body.push((d as u8) | 0x80);
                d >>= 7;
            }
            body.push(d as u8);
            if n <= 8 {
                body.push(nz.iter().fold(0u8, |m, &(c, _)| m | 1 << c));
            } else {
                body.push(nz.len() as u8);
                body.extend(nz.iter().map(|&(c, _)| c as u8));
            }
            for &(_, q) in &nz {
                body.extend(q.to_le_bytes());
            }
        }
        out.extend(count.to_le_bytes());
        out.extend(body);
        out
    }

    /// Reads a model written by [`Model::to_bytes`]; an empty input is an empty model. Files of
    /// the first format are refused: their parser features were hashed another way.
    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.is_empty() {
            return Ok(Model::default());
        }
        let mut r = Reader { b, i: 0 };
        match r.take(5)? {
            x if x == MAGIC => {}
            // format 1 hashed the parser's features differently: its scores would be wrong
            b"KGPM1" => {
                return Err("an older model file (format 1); retrain it with this version".into())
            }
            _ => return Err("not a kgraph model file".into()),
        }
        let n = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let l = r.u16()? as usize;
            classes.push(String::from_utf8(r.take(l)?.to_vec()).map_err(|e| e.to_string())?);
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| "short")?);
        let count = r.u32()? as usize;
        // every row takes at least two bytes: a damaged count must not size the tables
        if count > b.len() / 2 {
            return Err("more rows than the file can hold".into());
        }
        // a model of up to four classes goes straight into its one table (see `small`)
        let in_table = n <= 4;
        let mut small = FeatTable::with_capacity(if in_table { count } else { 0 });
        let mut rows = FeatTable::with_capacity(if in_table { 0 } else { count });
        let mut quant = vec![0i16; if in_table { 0 } else { count * n }];
        let mut acc = 0u64;
        let mut cls = Vec::with_capacity(n);
        for row in 0..count {
            cls.clear();
            acc = acc.wrapping_add(r.leb128()?);
            let f = acc << KEY_SHIFT;
            if n <= 8 {
                let mask = r.take(1)?[0];
                cls.extend((0..8).filter(|c| mask & 1 << c != 0));
            } else {
                let k = r.take(1)?[0] as usize;
                cls.extend(r.take(k)?.iter().map(|&c| c as usize));
            }
            if cls.iter().any(|&c| c >= n) {
                return Err("class index out of range".into());
            }
            let mut w4 = [0i16; 4];
            for &c in &cls {
                let q = r.u16()? as i16;
                if in_table {
                    w4[c] = q;
                } else {
                    quant[row * n + c] = q;
                }
            }
            if in_table {
                small.insert(f, w4);
            } else {
                rows.insert(f, row as u32);
            }
        }
        // more classes than the scores' fixed array: f32 rows
        let weights = if n > MAX_QUANT_CLASSES {
            std::mem::take(&mut quant)
                .into_iter()
                .map(|q| q as f32 / scale)
                .collect()
        } else {
            Vec::new()
        };
        Ok(Model {
            classes,
            rows,
            weights,
            quant,
            scale,
            small,
        })
    }
}

/// The first bytes of a model file (format 2).
const MAGIC: &[u8; 5] = b"KGPM2";

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.i..self.i + n)
            .ok_or("model file is truncated")?;
        self.i += n;
        Ok(s)
    }
    /// An unsigned LEB128 number (at most 64 bits).
    fn leb128(&mut self) -> Result<u64, String> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err("bad number in model file".into())
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().map_err(|_| "short")?,
        ))
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().map_err(|_| "short")?,
        ))
    }
}

/// Index of the highest score among valid classes (ties: the lowest index).
#[inline]
pub fn best(scores: &[f32], valid: Option<&[bool]>) -> usize {
    let mut bi = usize::MAX;
    let mut bs = f32::NEG_INFINITY;
    for (i, &s) in scores.iter().enumerate() {
        if valid.is_some_and(|v| !v[i]) {
            continue;
        }
        if bi == usize::MAX || s > bs {
            bi = i;
            bs = s;
        }
    }
    bi.min(scores.len().saturating_sub(1))
}

/// Training state: weights, running totals and timestamps for lazy averaging.
pub struct Trainer {
    /// The class names, by index.
    pub classes: Vec<String>,
    rows: FeatMap<u32>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    /// How many times each feature row was seen in an update.
    seen: Vec<u32>,
    instances: u32,
}

impl Trainer {
    /// A trainer for these classes.
    pub fn new(classes: Vec<String>) -> Trainer {
        Trainer {
            classes,
            rows: FeatMap::default(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            seen: Vec::new(),
            instances: 0,
        }
    }
    /// Current (not averaged) scores, for decoding during training.
    pub fn score_into(&self, features: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&r) = self.rows.get(f) {
                let w = &self.w[r as usize * n..(r as usize + 1) * n];
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
    }
    /// Counts one training instance (the averaging clock).
    pub fn tick(&mut self) {
        self.instances += 1;
    }
    /// Perceptron update: towards `truth`, away from `guess`.
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for f in features {
            let r = self.row(*f);
            self.add(r, truth, 1.0);
            self.add(r, guess, -1.0);
        }
    }
    /// Adds `delta` to the weights of class `c` for `features` (structured learning, where the
    /// features of the gold sequence and of the predicted one differ).
    pub fn update_one(&mut self, features: &[u64], c: usize, delta: f32) {
        for f in features {
            let r = self.row(*f);
            self.add(r, c, delta);
        }
    }
    /// The row of feature `f` (created empty when new), counted as seen in an update.
    fn row(&mut self, f: u64) -> usize {
        let n = self.classes.len();
        let r = match self.rows.get(&f) {
            Some(&r) => r as usize,
            None => {
                let r = self.seen.len();
                self.rows.insert(f, r as u32);
                self.w.extend(std::iter::repeat_n(0.0, n));
                self.total.extend(std::iter::repeat_n(0.0, n));
                self.stamp.extend(std::iter::repeat_n(0, n));
                self.seen.push(0);
                r
            }
        };
        self.seen[r] += 1;
        r
    }
    /// Adds `delta` to weight (row `r`, class `c`), first bringing its running total up to now.
    fn add(&mut self, r: usize, c: usize, delta: f32) {
        let i = r * self.classes.len() + c;
        self.total[i] += (self.instances - self.stamp[i]) as f32 * self.w[i];
        self.stamp[i] = self.instances;
        self.w[i] += delta;
    }
    /// The averaged model, without features updated fewer than `min_seen` times and without
    /// weights smaller than `min_weight` (after averaging).
    pub fn finish(mut self, min_seen: u32, min_weight: f32) -> Model {
        let n = self.classes.len();
        let t = self.instances.max(1);
        let mut rows = FeatTable::default();
        let mut weights = Vec::new();
        let mut keys: Vec<(u64, u32)> = self.rows.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort();
        for (f, r) in keys {
            let r = r as usize;
            if self.seen[r] < min_seen {
                continue;
            }
            let mut row = vec![0f32; n];
            let mut any = false;
            for (c, x) in row.iter_mut().enumerate() {
                let i = r * n + c;
                self.total[i] += (t - self.stamp[i]) as f32 * self.w[i];
                let avg = self.total[i] / t as f32;
                if avg.abs() >= min_weight {
                    *x = avg;
                    any = true;
                }
            }
            if any {
                rows.insert(f, (weights.len() / n) as u32);
                weights.extend(row);
            }
        }
        Model {
            classes: self.classes,
            rows,
            weights,
            quant: Vec::new(),
            scale: 0.0,
            small: FeatTable::default(),
        }
        .compact()
    }
}

/// A small deterministic random number generator (xorshift64*) for shuffling training data.
pub struct Rng(u64);

impl Rng {
    /// A generator started from this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// The next number (xorshift64*).
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests;
