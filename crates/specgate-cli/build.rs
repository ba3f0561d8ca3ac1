//! Links the `specgate` executable as a position-dependent executable on Linux with the
//! GNU toolchain. A position-independent executable makes the dynamic loader
//! apply about 44,000 relocations and write every page of `.data.rel.ro` at each start:
//! about 200 page faults, 0.7 ms of a 6 ms one-spec run (ADR 0023). Set `SPECGATE_PIE=1` when
//! building to keep the default (PIE) link.

fn main() {
    println!("cargo:rerun-if-env-changed=SPECGATE_PIE");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let keep_pie = std::env::var_os("SPECGATE_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" && !keep_pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
