//! Stable FNV-1a hashing: the same bytes give the same hash in every build, so feature hashes in
//! model files stay valid; also a fast hasher for the short string keys of the word lists.
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a offset basis.
pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Continues an FNV-1a hash `h` over `bytes`.
#[inline]
pub fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// A `Hasher` running FNV-1a over what it is fed.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(if self.0 == 0 { OFFSET } else { self.0 }, bytes);
    }
}

/// Builds [`Fnv`] hashers for `HashMap`s.
pub type FnvBuild = BuildHasherDefault<Fnv>;

/// A map hashed by [`Fnv`]: for the short keys of one document's stages (indexes, small
/// tuples, words), faster than the default hasher, which guards against hostile keys. Nothing
/// may depend on its order (none of the standard maps' orders is fixed either).
pub type FastMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;

/// A set hashed by [`Fnv`] (see [`FastMap`]).
pub type FastSet<K> = std::collections::HashSet<K, FnvBuild>;

/// A `Hasher` for keys that are hashes already (the FNV-1a hashes of features): the key itself,
/// with no second hashing.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // only `write_u64` is expected; any other key is still hashed, by FNV-1a
        let mut f = Fnv(self.0);
        f.write(bytes);
        self.0 = f.finish();
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`Prehashed`] hashers for `HashMap`s keyed by hashes.
pub type PrehashedBuild = BuildHasherDefault<Prehashed>;
