//! Ranking and set metrics.

use std::collections::{BTreeSet, HashMap};

/// Relevant sheets found in the top `k`, over the number that could have been found
/// (`min(relevant, k)`), so a query with 14 relevant sheets can still reach 1.0 at k = 10.
pub fn recall_at(ranked: &[String], relevant: &HashMap<String, u32>, k: usize) -> f64 {
    let possible = relevant.values().filter(|&&g| g > 0).count().min(k);
    if possible == 0 {
        return 0.0;
    }
    let found = ranked
        .iter()
        .take(k)
        .filter(|d| relevant.get(*d).is_some_and(|&g| g > 0))
        .count();
    found as f64 / possible as f64
}

/// Graded nDCG at `k` with gain `2^grade - 1` and the usual `log2(rank + 1)` discount.
pub fn ndcg_at(ranked: &[String], relevant: &HashMap<String, u32>, k: usize) -> f64 {
    let gain = |g: u32| 2f64.powi(g.min(16) as i32) - 1.0;
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, d)| gain(relevant.get(d).copied().unwrap_or(0)) / ((i + 2) as f64).log2())
        .fold(0.0, |a, b| a + b);
    let mut ideal: Vec<u32> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, &g)| gain(g) / ((i + 2) as f64).log2())
        .fold(0.0, |a, b| a + b);
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

/// True/false positives and false negatives of a labelling.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// Adds one sheet; returns the false positives and false negatives.
    pub fn add(&mut self, gold: &[String], got: &[String]) -> (Vec<String>, Vec<String>) {
        let g: BTreeSet<&String> = gold.iter().collect();
        let p: BTreeSet<&String> = got.iter().collect();
        self.tp += g.intersection(&p).count();
        let fps: Vec<String> = p.difference(&g).map(|s| s.to_string()).collect();
        let fns: Vec<String> = g.difference(&p).map(|s| s.to_string()).collect();
        self.fp += fps.len();
        self.fn_ += fns.len();
        (fps, fns)
    }

    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            return 1.0;
        }
        self.tp as f64 / (self.tp + self.fp) as f64
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            return 1.0;
        }
        self.tp as f64 / (self.tp + self.fn_) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(v: &[(&str, u32)]) -> HashMap<String, u32> {
        v.iter().map(|(d, g)| (d.to_string(), *g)).collect()
    }

    fn docs(v: &[&str]) -> Vec<String> {
        v.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let r = rel(&[("a", 2), ("b", 1)]);
        assert_eq!(recall_at(&docs(&["a", "b", "x"]), &r, 10), 1.0);
        assert!((ndcg_at(&docs(&["a", "b", "x"]), &r, 10) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn swapped_grades_lose_ndcg_not_recall() {
        let r = rel(&[("a", 2), ("b", 1)]);
        assert_eq!(recall_at(&docs(&["b", "a"]), &r, 10), 1.0);
        assert!(ndcg_at(&docs(&["b", "a"]), &r, 10) < 1.0);
    }

    #[test]
    fn recall_is_capped_at_k() {
        let r: HashMap<String, u32> = (0..12).map(|i| (i.to_string(), 1)).collect();
        let top: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        assert_eq!(recall_at(&top, &r, 10), 1.0);
        assert_eq!(recall_at(&[], &r, 10), 0.0);
    }

    #[test]
    fn counts() {
        let mut c = Counts::default();
        let (fp, fn_) = c.add(&docs(&["a", "b"]), &docs(&["b", "c"]));
        assert_eq!((fp, fn_), (docs(&["c"]), docs(&["a"])));
        assert_eq!((c.precision(), c.recall()), (0.5, 0.5));
    }
}
