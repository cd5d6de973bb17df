//! The engine's fixed mantissas (see `to_fixed`), held in half the memory where they allow.
//!
//! A costing keeps every cost unit's amount in every year, and each funding pass what covers
//! it: on a plan of 30,000 lines over ten years, close to a million mantissas. At
//! `AMOUNT_SCALE` an amount needs 128 bits only above about 922 million currency units, far
//! above most line-years, so the mantissas are held in blocks that use 64-bit slots until one
//! of their amounts needs more. Values are exactly those stored: this changes only memory.

/// Mantissas per block: the unit of widening.
const BLOCK: usize = 64;

/// In `wide_at`: the block is held in `narrow`.
const NARROW: u32 = u32::MAX;

/// A fixed-length list of fixed mantissas, all zero at first.
///
/// Invariant: the mantissa at `i` is `narrow[i]` when its block (`i / BLOCK`) is narrow
/// (`wide_at` holds [`NARROW`]), else `wide[wide_at + i % BLOCK]`. A block is widened, never
/// narrowed; its 64-bit slots then stay unused.
#[derive(Debug, Clone, Default)]
pub(crate) struct FixedAmounts {
    narrow: Vec<i64>,
    /// Per block: [`NARROW`], or where its `BLOCK` mantissas start in `wide`.
    wide_at: Vec<u32>,
    wide: Vec<i128>,
}

impl FixedAmounts {
    /// `len` zeros.
    pub(crate) fn zeros(len: usize) -> Self {
        Self {
            narrow: vec![0; len],
            wide_at: vec![NARROW; len.div_ceil(BLOCK)],
            wide: Vec::new(),
        }
    }

    /// `len` zeros, held in the memory of `narrow`, a list no longer needed (so that costing
    /// a plan again reuses the pages the last costing was given instead of asking the system
    /// for new ones, whose first use costs a fault each).
    pub(crate) fn zeros_in(mut narrow: Vec<i64>, len: usize) -> Self {
        narrow.clear();
        narrow.resize(len, 0);
        Self {
            narrow,
            wide_at: vec![NARROW; len.div_ceil(BLOCK)],
            wide: Vec::new(),
        }
    }

    /// Where the 64-bit slots are held (to tell whether memory was reused).
    #[cfg(test)]
    pub(crate) fn memory(&self) -> *const i64 {
        self.narrow.as_ptr()
    }

    /// The memory of the 64-bit slots, for [`FixedAmounts::zeros_in`].
    pub(crate) fn into_narrow(self) -> Vec<i64> {
        self.narrow
    }

    /// The mantissas `values`, all held in 64 bits (taken as they are, not copied).
    pub(crate) fn from_narrow(values: Vec<i64>) -> Self {
        Self {
            wide_at: vec![NARROW; values.len().div_ceil(BLOCK)],
            narrow: values,
            wide: Vec::new(),
        }
    }

    /// Each row's slots `0..split` and `split..end`, for rows of `stride` slots (`end ≤
    /// stride`): the columns two threads fill side by side. Only for a list still all narrow
    /// (as made by [`FixedAmounts::zeros`]), whose slots are the 64-bit ones.
    pub(crate) fn split_columns(
        &mut self,
        stride: usize,
        split: usize,
        end: usize,
    ) -> (Vec<&mut [i64]>, Vec<&mut [i64]>) {
        debug_assert!(self.wide.is_empty() && split <= end && end <= stride);
        if stride == 0 {
            return (Vec::new(), Vec::new());
        }
        self.narrow
            .chunks_mut(stride)
            .map(|row| {
                let (first, rest) = row.split_at_mut(split);
                (first, &mut rest[..end - split])
            })
            .unzip()
    }

    /// Moves the slots `from` to start at `to` (`to ≤ from.start`), leaving zeros behind.
    /// Only while every block they touch is narrow (before any value needs 128 bits).
    pub(crate) fn move_narrow(&mut self, from: std::ops::Range<usize>, to: usize) {
        debug_assert!(self.wide.is_empty() && to <= from.start);
        let vacated = (to + from.len()).max(from.start)..from.end;
        self.narrow.copy_within(from, to);
        self.narrow[vacated].fill(0);
    }

    /// Whether every mantissa is held in 64 bits (no block was widened).
    pub(crate) fn all_narrow(&self) -> bool {
        self.wide.is_empty()
    }

    /// The `len` mantissas from `start`, when [`FixedAmounts::all_narrow`].
    pub(crate) fn narrow_slots(&self, start: usize, len: usize) -> &[i64] {
        debug_assert!(self.all_narrow());
        &self.narrow[start..start + len]
    }

    /// The mantissa at `i` (`i < len`).
    #[inline]
    pub(crate) fn get(&self, i: usize) -> i128 {
        match self.wide_at[i / BLOCK] {
            NARROW => i128::from(self.narrow[i]),
            at => self.wide[at as usize + i % BLOCK],
        }
    }

    /// Sets the mantissa at `i` (`i < len`), widening its block when `value` needs it.
    #[inline]
    pub(crate) fn set(&mut self, i: usize, value: i128) {
        let block = i / BLOCK;
        match self.wide_at[block] {
            NARROW => match i64::try_from(value) {
                Ok(v) => self.narrow[i] = v,
                Err(_) => self.widen(block, i, value),
            },
            at => self.wide[at as usize + i % BLOCK] = value,
        }
    }

    /// Moves block `block` to `wide` and sets the mantissa at `i` in it to `value`.
    #[cold]
    fn widen(&mut self, block: usize, i: usize, value: i128) {
        let at = self.wide.len();
        let first = block * BLOCK;
        let slots = &self.narrow[first..self.narrow.len().min(first + BLOCK)];
        self.wide.extend(slots.iter().map(|v| i128::from(*v)));
        self.wide.resize(at + BLOCK, 0);
        self.wide[at + i % BLOCK] = value;
        // Past `u32::MAX - 1` wide mantissas (68 GB) memory runs out first.
        self.wide_at[block] = u32::try_from(at).unwrap_or(NARROW - 1);
    }

    /// Copies the mantissas from `start` into `out` (`start + out.len() ≤ len`), a block
    /// at a time.
    pub(crate) fn read_into(&self, start: usize, out: &mut [i128]) {
        for (at, n) in pieces(start, out.len()) {
            let out = &mut out[at - start..at - start + n];
            match self.wide_at[at / BLOCK] {
                NARROW => {
                    for (o, v) in out.iter_mut().zip(&self.narrow[at..at + n]) {
                        *o = i128::from(*v);
                    }
                }
                wide => {
                    let from = wide as usize + at % BLOCK;
                    out.copy_from_slice(&self.wide[from..from + n]);
                }
            }
        }
    }

    /// Sets the mantissas from `start` to `values` (`start + values.len() ≤ len`), a block at
    /// a time.
    pub(crate) fn write_from(&mut self, start: usize, values: &[i128]) {
        for (at, n) in pieces(start, values.len()) {
            let part = &values[at - start..at - start + n];
            let narrow = self.wide_at[at / BLOCK] == NARROW;
            if narrow && part.iter().all(|v| i64::try_from(*v).is_ok()) {
                for (slot, v) in self.narrow[at..at + n].iter_mut().zip(part) {
                    // Checked just above: every value of the piece fits.
                    *slot = *v as i64;
                }
            } else {
                for (k, v) in part.iter().enumerate() {
                    self.set(at + k, *v);
                }
            }
        }
    }

    /// The sum of all mantissas.
    pub(crate) fn sum(&self) -> i128 {
        self.narrow
            .chunks(BLOCK)
            .zip(&self.wide_at)
            .map(|(slots, at)| match *at {
                NARROW => slots.iter().map(|v| i128::from(*v)).sum::<i128>(),
                at => self.wide[at as usize..at as usize + slots.len()]
                    .iter()
                    .sum(),
            })
            .sum()
    }
}

/// `start..start + len` cut at block boundaries: each piece's first index and length.
fn pieces(start: usize, len: usize) -> impl Iterator<Item = (usize, usize)> {
    let end = start + len;
    let firsts = std::iter::successors((start < end).then_some(start), move |&at| {
        let next = (at / BLOCK + 1) * BLOCK;
        (next < end).then_some(next)
    });
    firsts.map(move |at| (at, ((at / BLOCK + 1) * BLOCK).min(end) - at))
}

/// Equal when they hold the same values, however their blocks are held.
impl PartialEq for FixedAmounts {
    fn eq(&self, other: &Self) -> bool {
        self.narrow.len() == other.narrow.len()
            && (0..self.narrow.len()).all(|i| self.get(i) == other.get(i))
    }
}

impl Eq for FixedAmounts {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_every_value_exactly_and_widens_only_the_block_that_needs_it() {
        let mut a = FixedAmounts::zeros(200);
        let big = i128::from(i64::MAX) + 1;
        a.set(3, 7);
        a.set(70, -5);
        a.set(71, big);
        a.set(130, -big * 1_000_000);
        a.set(199, i128::from(i64::MIN));
        assert_eq!(
            (a.get(3), a.get(70), a.get(71), a.get(130), a.get(199)),
            (7, -5, big, -big * 1_000_000, i128::from(i64::MIN))
        );
        assert_eq!(a.get(0), 0);
        // The value set before its block widened survives the widening.
        assert_eq!(a.get(70), -5);
        assert_eq!(a.wide_at[0], NARROW);
        assert_ne!(a.wide_at[1], NARROW);
        assert_ne!(a.wide_at[2], NARROW);
        assert_eq!(a.wide_at[3], NARROW);
        assert_eq!(a.wide.len(), 2 * BLOCK, "only the two blocks that need it");
        assert_eq!(
            a.sum(),
            7 - 5 + big - big * 1_000_000 + i128::from(i64::MIN)
        );
        // A small value written into a wide block stays exact.
        a.set(71, 1);
        assert_eq!(a.get(71), 1);
    }

    #[test]
    fn ranges_round_trip_and_equality_is_by_value() {
        let values: Vec<i128> = (0..150)
            .map(|i| (i - 75) * 10_i128.pow(i as u32 % 27))
            .collect();
        let mut a = FixedAmounts::zeros(160);
        a.write_from(5, &values);
        let mut back = vec![0; 150];
        a.read_into(5, &mut back);
        assert_eq!(back, values);
        assert_eq!(a.sum(), values.iter().sum::<i128>());
        // Small values over the same range: into blocks now wide and blocks still narrow.
        let small: Vec<i128> = (0..150).map(|i| i - 70).collect();
        a.write_from(5, &small);
        a.read_into(5, &mut back);
        assert_eq!(back, small);
        assert_eq!((a.get(4), a.get(155)), (0, 0), "nothing outside the range");
        let mut part = vec![0; 70];
        a.read_into(60, &mut part);
        assert_eq!(part, small[55..125]);

        // The same values held narrow in one list and wide in another are equal.
        let mut narrow = FixedAmounts::zeros(10);
        let mut widened = FixedAmounts::zeros(10);
        widened.set(2, i128::MAX);
        widened.set(2, 4);
        narrow.set(2, 4);
        assert_eq!(narrow, widened);
        narrow.set(9, 1);
        assert_ne!(narrow, widened);
        assert_ne!(FixedAmounts::zeros(10), FixedAmounts::zeros(11));
    }
}
