//! The `charter` command. All the work is in the library; see `charter::cli`.

fn main() -> std::process::ExitCode {
    charter::cli::run()
}
