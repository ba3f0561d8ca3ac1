//! The CLI's allocator: mimalloc (ADR 0021), told how a batch command uses memory.

/// mimalloc: a quarter of `check`'s instructions were glibc malloc/free (ADR 0021).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the `mi_option_e` enumeration of the mimalloc v3 that
/// libmimalloc-sys 0.1.49 vendors (`include/mimalloc.h`); the test below pins it by its
/// default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For a small `check` run (one output chunk of files or fewer): mimalloc keeps the
/// pages it frees instead of returning them to the system, which it would do with one
/// `madvise` each, about 90 of them at the exit of a one-spec run (0.4 ms of 4.5). A
/// large run keeps the default: returning pages as it goes holds 10k specs at 37–39 MB
/// peak, against 41–45 MB without (ADR 0021).
pub fn keep_freed_pages() {
    // SAFETY: `mi_option_set` only stores an option value; any option and value are valid.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // `src/options.c` of that mimalloc: `{ 1000, ..., purge_delay }`, "purge delay in
        // milli-seconds"; no other option has that default (its neighbours, deprecated
        // eager_commit_delay and use_numa_nodes, default to 1 and 0).
        let get = |o| unsafe { libmimalloc_sys::mi_option_get(o) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(PURGE_DELAY), 1000);
        }
        keep_freed_pages();
        assert_eq!(get(PURGE_DELAY), -1);
    }
}
