//! The `charter` command. All the work is in the library; see `charter::cli`.

/// Counts what is allocated, so that a build worker can bound one charter's build
/// (`charter::memory`).
#[global_allocator]
static ALLOCATOR: charter::memory::Counting = charter::memory::Counting;

fn main() -> std::process::ExitCode {
    charter::cli::run()
}
