//! Crash safety: `projektsok ingest` and `projektsok serve` killed with SIGKILL at random points
//! (seeded) lose nothing that was committed or acknowledged, and never leave a project twice.
//!
//! How ingest commits (crates/index/src/ingest.rs): one tantivy commit every
//! `FILES_PER_COMMIT` (20 000) files, in the order the files are given (folders: sorted), one
//! at the end, and for a bulk load a merge of all segments into one, committed when done;
//! replacing a project is delete-by-id plus add in the same batch. So after a kill the index
//! must hold exactly `before ∪ ids(files[..k * 20000])` for some k, or the whole run.
//! The short version (`make test`, debug binary) re-ingests a small set over a committed base,
//! so every kill lands in the one open batch, its commit or the merge; the long one
//! (`PROJEKTSOK_SOAK=1`, `make soak`) ingests 45 000 sheets, so kills also land after the
//! 20 000 and 40 000 commits.
//!
//! Server: sheets are posted one per request (each write commits before its 201); the server
//! is SIGKILLed mid-stream and restarted on the same index: every id answered 201 is there, and
//! nothing else but the requests in flight at the kill.

mod common;
mod reliability_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use projektsok_index::ingest::FILES_PER_COMMIT;
use reliability_common::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// The ids of the index, or none when the kill came before the index was even created.
fn ids_after_kill(index: &Path) -> BTreeSet<String> {
    if !index.join("meta.json").is_file() {
        return BTreeSet::new();
    }
    check_consistent(index)
}

#[test]
fn ingest_killed_at_random_points_keeps_its_last_commit() {
    let started = Instant::now();
    let (total, base, runs) = scale((200usize, 80usize, 4usize), (45_000, 500, 8));
    let dir = tempfile::tempdir().expect("tempdir");
    let files = generate(&dir.path().join("gen"), total as u64, 7_001);
    let sheets = dir.path().join("gen/sheets");
    let ids = file_ids(&files);

    // The committed base every killed run starts from (its files are re-ingested as updates).
    let base_index = dir.path().join("base");
    let base_files: Vec<&Path> = files[..base].iter().map(PathBuf::as_path).collect();
    ingest(&base_index, &base_files);
    let base_ids: BTreeSet<String> = ids[..base].iter().cloned().collect();
    assert_eq!(check_consistent(&base_index), base_ids);

    // What a complete run gives, and how long it takes (to spread the kill points over it).
    let t = Instant::now();
    let full_index = dir.path().join("full");
    copy_dir(&base_index, &full_index);
    ingest(&full_index, &[&sheets]);
    let full_secs = t.elapsed().as_secs_f64();
    let full: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(
        check_consistent(&full_index),
        full,
        "a complete ingest holds every sheet's id once"
    );

    // Allowed states after a kill: the base plus the first k commits' files, for every k.
    let mut allowed: Vec<(String, BTreeSet<String>)> = Vec::new();
    // The base first: once a commit covers the base's files, both starts give the same set.
    for (start, name) in [(base_ids.clone(), "base"), (BTreeSet::new(), "empty")] {
        let mut k = 0;
        loop {
            let upto = (k * FILES_PER_COMMIT).min(total);
            let mut set = start.clone();
            set.extend(ids[..upto].iter().cloned());
            allowed.push((format!("{name} + first {upto} files"), set));
            if upto == total {
                break;
            }
            k += 1;
        }
    }

    let mut rng = Rng::new(0x5EED_0001);
    let mut injected = 0;
    let mut outcomes = Vec::new();
    for run in 0..runs {
        let index = dir.path().join(format!("run{run}"));
        // Run 0 starts from nothing (kill before or during the first commit); the others from
        // the committed base.
        if run > 0 {
            copy_dir(&base_index, &index);
        }
        // Stratified over 0..110 % of a complete run's time, so the kills cover the start,
        // the batches, the commits and (sometimes) a run that just finished.
        let stratum = (run as f64 + rng.range(0, 1_000) as f64 / 1_000.0) / runs as f64;
        let kill_after = Duration::from_secs_f64(0.05 + full_secs * 1.1 * stratum);
        let mut child = ingest_cmd(&index, &[&sheets])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start ingest");
        std::thread::sleep(kill_after);
        let killed = matches!(child.try_wait(), Ok(None));
        kill9(&mut child);
        if killed {
            injected += 1;
        }
        let got = ids_after_kill(&index);
        let state = allowed
            .iter()
            .find(|(_, set)| *set == got)
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| {
                panic!(
                    "run {run}: after SIGKILL at {kill_after:?} the index holds {} projects, \
                     which is no committed state (base {}, total {})",
                    got.len(),
                    base,
                    total
                )
            });
        // The same ingest again completes the set.
        ingest(&index, &[&sheets]);
        assert_eq!(
            check_consistent(&index),
            full,
            "run {run}: re-run incomplete"
        );
        outcomes.push(format!(
            "run {run}: kill at {:.2} s{} -> {state}",
            kill_after.as_secs_f64(),
            if killed { "" } else { " (ingest had finished)" }
        ));
    }
    eprintln!(
        "ingest crash safety: {total} sheets, complete run {full_secs:.1} s, {injected} SIGKILLs \
         of {runs} runs, nothing lost, no duplicates; {:.1} s\n  {}",
        started.elapsed().as_secs_f64(),
        outcomes.join("\n  ")
    );
    assert!(injected > 0, "no kill landed while ingest ran");
}

const TOKEN: &str = "crash-test-token";

#[test]
fn server_killed_during_posts_loses_no_answered_201() {
    let started = Instant::now();
    let (count, runs, clients) = scale((120u64, 5usize, 2usize), (2_000, 8, 4));
    let dir = tempfile::tempdir().expect("tempdir");
    let files = generate(&dir.path().join("gen"), count, 7_002);
    let ids = file_ids(&files);
    let index = dir.path().join("index");
    let log = dir.path().join("serve.log");
    let mut rng = Rng::new(0x5EED_0002);

    let mut acked: BTreeSet<String> = BTreeSet::new();
    // Requests in flight at some kill (of this run or an earlier one): they may or may not
    // have committed.
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    let mut sent_total = 0usize;
    let mut next = 0usize;
    let mut killed_in_flight = 0usize;
    for run in 0..runs {
        let mut server = Serve::start(&index, Some(TOKEN), "warn", &log);
        // Everything acknowledged before is still there after the restart.
        let present = check_consistent(&index);
        assert!(
            acked.is_subset(&present),
            "run {run}: answered 201 but lost after SIGKILL and restart: {:?}",
            acked.difference(&present).collect::<Vec<_>>()
        );
        assert_eq!(server.projects(), present.len() as u64);

        // Clients post the next sheets until the server dies.
        let queue: Arc<Mutex<std::vec::IntoIter<usize>>> = Arc::new(Mutex::new(
            (next..files.len()).collect::<Vec<_>>().into_iter(),
        ));
        let stop = Arc::new(AtomicBool::new(false));
        let results: Arc<Mutex<(Vec<usize>, Vec<usize>)>> = Arc::default(); // (acked, in flight)
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                let (queue, stop, results) = (queue.clone(), stop.clone(), results.clone());
                let files = files.clone();
                let addr = server.addr;
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        let Some(i) = queue.lock().expect("queue").next() else {
                            break;
                        };
                        let sheet = std::fs::read(&files[i]).expect("sheet");
                        match post_sheet(addr, TOKEN, &sheet) {
                            Ok(Some(r)) if r.status == 201 => {
                                results.lock().expect("results").0.push(i);
                            }
                            Ok(Some(r)) => panic!("POST answered {}: {}", r.status, r.text()),
                            // The kill: this request's fate is unknown.
                            Ok(None) | Err(_) => {
                                results.lock().expect("results").1.push(i);
                                break;
                            }
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(rng.range(300, 2_500)));
        server.kill9();
        stop.store(true, Ordering::Relaxed);
        for h in handles {
            h.join().expect("client thread");
        }
        let (ok, in_flight) = std::mem::take(&mut *results.lock().expect("results"));
        killed_in_flight += in_flight.len();
        sent_total += ok.len() + in_flight.len();
        next = ok
            .iter()
            .chain(&in_flight)
            .copied()
            .max()
            .map_or(next, |m| m + 1);
        acked.extend(ok.iter().map(|&i| ids[i].clone()));
        let present = check_consistent(&index);
        unknown.extend(in_flight.iter().map(|&i| ids[i].clone()));
        assert!(
            acked.is_subset(&present),
            "run {run}: answered 201 but missing after SIGKILL: {:?}",
            acked.difference(&present).collect::<Vec<_>>()
        );
        let extra: Vec<_> = present
            .difference(&acked)
            .filter(|id| !unknown.contains(*id))
            .collect();
        assert!(
            extra.is_empty(),
            "run {run}: projects nobody posted: {extra:?}"
        );
        if next >= files.len() {
            break;
        }
    }
    // A last restart serves everything.
    let server = Serve::start(&index, Some(TOKEN), "warn", &log);
    let present = check_consistent(&index);
    assert!(acked.is_subset(&present));
    assert_eq!(server.projects(), present.len() as u64);
    eprintln!(
        "server crash safety: {runs} SIGKILLs during POST streams ({clients} clients), {sent_total} \
         POSTs sent, {} answered 201, {killed_in_flight} in flight at a kill, 0 lost; {:.1} s",
        acked.len(),
        started.elapsed().as_secs_f64()
    );
}
