//! Feature table for inference: open addressing over feature hashes with linear probing, one
//! memory access per lookup in the common case, and a prefetch so that the lookups of one
//! classification overlap instead of waiting for memory one after another.

/// A map from 64-bit feature hashes to `V`, built once and then only read.
#[derive(Debug, Clone)]
pub struct FeatTable<V> {
    /// (key, value); key 0 marks an empty slot.
    slots: Vec<(u64, V)>,
    len: usize,
    /// 64 minus log2 of the number of slots.
    shift: u32,
}

impl<V: Copy + Default> Default for FeatTable<V> {
    fn default() -> Self {
        FeatTable {
            slots: Vec::new(),
            len: 0,
            shift: 64,
        }
    }
}

/// The bits of a feature hash that identify it are the top 48, above this many (model files
/// store no more; two features of a model share them with a probability of about one in a
/// billion). A hash whose top 48 bits are 0 is stored as 1 (0 marks empty slots).
pub const KEY_SHIFT: u32 = 16;

#[inline]
fn key(f: u64) -> u64 {
    (f >> KEY_SHIFT << KEY_SHIFT).max(1)
}

impl<V: Copy + Default> FeatTable<V> {
    /// A table with room for `n` entries at a load factor of at most one half.
    pub fn with_capacity(n: usize) -> Self {
        let cap = (n * 2).next_power_of_two().max(16);
        FeatTable {
            slots: vec![(0, V::default()); cap],
            len: 0,
            shift: 64 - cap.trailing_zeros(),
        }
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Whether the table has no entries.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The first slot to try for key `k`: its 48 identifying bits spread by an odd multiplier.
    #[inline]
    fn home(&self, k: u64) -> usize {
        ((k >> KEY_SHIFT).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }
    /// Inserts or replaces the value of feature `f`.
    pub fn insert(&mut self, f: u64, v: V) {
        if (self.len + 1) * 2 > self.slots.len() {
            let mut bigger = FeatTable::with_capacity((self.len + 1) * 2);
            for &(k, v) in self.slots.iter().filter(|s| s.0 != 0) {
                bigger.insert(k, v);
            }
            *self = bigger;
        }
        let k = key(f);
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = &mut self.slots[i];
            if s.0 == k {
                s.1 = v;
                return;
            }
            if s.0 == 0 {
                *s = (k, v);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }
    /// The value of feature `f`.
    #[inline]
    pub fn get(&self, f: u64) -> Option<&V> {
        if self.len == 0 {
            return None;
        }
        let k = key(f);
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = &self.slots[i];
            if s.0 == k {
                return Some(&s.1);
            }
            if s.0 == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
    /// Asks the processor to start loading the slot of feature `f`.
    #[inline]
    pub fn prefetch(&self, f: u64) {
        if self.len > 0 {
            prefetch(&self.slots[self.home(key(f))]);
        }
    }
    /// Every (feature, value) pair, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &V)> {
        self.slots.iter().filter(|s| s.0 != 0).map(|(k, v)| (*k, v))
    }
}

/// Hints the processor to load the cache line holding `p` (a no-op off x86-64).
#[inline(always)]
pub fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    #[allow(unused_unsafe)]
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Well-spread 64-bit values, as feature hashes are (splitmix64).
    fn mix(i: u64) -> u64 {
        let mut z = i.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn inserts_grow_and_lookups_find_every_key() {
        let mut t = FeatTable::default();
        for i in 1..=10_000u64 {
            t.insert(mix(i), i as u32);
        }
        t.insert(0, 7);
        assert_eq!(t.len(), 10_001);
        for i in 1..=10_000u64 {
            assert_eq!(t.get(mix(i)), Some(&(i as u32)));
        }
        assert_eq!(t.get(0), Some(&7));
        assert_eq!(t.get(0xdead_beef_0000_0000), None);
        // only the top 48 bits identify a feature
        assert_eq!(t.get(42), Some(&7));
        assert_eq!(t.iter().count(), 10_001);
    }
}
