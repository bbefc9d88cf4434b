//! The word → id map of the lexicon matcher's word cache, looked up for every word of every
//! sheet. A `HashMap<Box<str>, usize>` spent most of its time hashing through `Hasher::write`
//! and comparing keys behind a pointer; here a slot holds the word's hash and its [`Key`], which
//! is the whole word up to 16 bytes, so a lookup reads the word in two loads and compares in
//! the slot, following the stored word only for longer words.

/// Words of up to this many bytes are told apart by their [`Key`] alone.
const SHORT: usize = 16;

/// A word's length and two 8-byte loads covering its first and last bytes: for a word of at
/// most [`SHORT`] bytes they cover all of it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Key {
    len: usize,
    first: u64,
    last: u64,
}

impl Key {
    fn of(w: &[u8]) -> Key {
        let u64_at = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or_default());
        let u32_at = |i: usize| {
            u64::from(u32::from_le_bytes(
                w[i..i + 4].try_into().unwrap_or_default(),
            ))
        };
        let n = w.len();
        let (first, last) = match n {
            8.. => (u64_at(0), u64_at(n - 8)),
            4..8 => (u32_at(0), u32_at(n - 4)),
            1..4 => (
                u64::from(w[0]) << 16 | u64::from(w[n / 2]) << 8 | u64::from(w[n - 1]),
                0,
            ),
            0 => (0, 0),
        };
        Key {
            len: n,
            first,
            last,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Slot {
    hash: u64,
    key: Key,
    /// The id plus one; 0 marks an empty slot.
    id_plus_one: usize,
}

/// Open addressing with linear probing, at most half full.
pub(super) struct WordIds {
    seed: u64,
    slots: Vec<Slot>,
    len: usize,
}

impl Default for WordIds {
    fn default() -> Self {
        use std::hash::BuildHasher;
        WordIds {
            // seeded like the other analysis caches, so crafted collisions cannot be planned
            seed: std::collections::hash_map::RandomState::new().hash_one(0u8),
            slots: vec![Slot::default(); 1024],
            len: 0,
        }
    }
}

impl WordIds {
    /// The id of `word`, or where to [`insert`](Self::insert) it. `word_of(id)` gives the word
    /// of an id (compared for words longer than [`SHORT`] bytes).
    pub(super) fn get<'a>(
        &self,
        word: &str,
        word_of: impl Fn(usize) -> &'a str,
    ) -> Result<usize, Vacant> {
        let key = Key::of(word.as_bytes());
        let hash = self.hash(key, word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = home(hash) & mask;
        loop {
            let slot = &self.slots[i];
            if slot.id_plus_one == 0 {
                return Err(Vacant { hash, key, at: i });
            }
            let id = slot.id_plus_one - 1;
            if slot.hash == hash && slot.key == key && (word.len() <= SHORT || word_of(id) == word)
            {
                return Ok(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// Records `id` for the word [`get`](Self::get) did not find.
    pub(super) fn insert(&mut self, vacant: Vacant, id: usize) {
        self.slots[vacant.at] = Slot {
            hash: vacant.hash,
            key: vacant.key,
            id_plus_one: id + 1,
        };
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let doubled = vec![Slot::default(); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.id_plus_one != 0) {
            let mut i = home(slot.hash) & mask;
            while self.slots[i].id_plus_one != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    /// FxHash-style, seeded: the key, then the middle of a longer word in 8-byte steps.
    fn hash(&self, key: Key, word: &[u8]) -> u64 {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let add = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
        let mut hash = add(add(add(self.seed, key.len as u64), key.first), key.last);
        if let Some(middle) = word.get(8..word.len().saturating_sub(8)) {
            for c in middle.chunks(8) {
                hash = add(hash, c.iter().fold(0, |t, &b| t << 8 | u64::from(b)));
            }
        }
        hash
    }
}

/// The first slot to probe for a hash (before masking): its high half mixed into the low one,
/// as the multiplications of [`WordIds::hash`] carry entropy up, not down (the corpus words
/// took 1.44 probes each to insert with the low bits alone, 1.34 with these).
fn home(hash: u64) -> usize {
    (hash ^ (hash >> 32)) as usize
}

/// Where a word not found goes.
pub(super) struct Vacant {
    hash: u64,
    key: Key,
    at: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Ids as a `HashMap` gives them, whatever the words (short, long, sharing heads).
        #[test]
        fn agrees_with_a_hash_map(words in proptest::collection::vec(
            "(abcdefghijklmnop)?[a-cå]{0,20}", 0..3000,
        )) {
            let mut ids = WordIds::default();
            let mut words_of_ids: Vec<String> = Vec::new();
            let mut reference = std::collections::HashMap::new();
            for w in &words {
                let id = match ids.get(w, |id| &words_of_ids[id]) {
                    Ok(id) => id,
                    Err(vacant) => {
                        let id = words_of_ids.len();
                        ids.insert(vacant, id);
                        words_of_ids.push(w.clone());
                        id
                    }
                };
                let expected = reference.len();
                prop_assert_eq!(id, *reference.entry(w.clone()).or_insert(expected));
            }
        }
    }
}
