#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another, seeded with
# the repository's charters and fixtures. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). Inputs that fail land in fuzz/artifacts/<target>/; copy
# each into tests/fuzz/<target>/ so that `cargo test` runs it from then on.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(load lint_fix diff serve_request)
# Built once, then run as they are: a later change to the sources does not rebuild them
# between targets.
cargo +nightly fuzz build -s none
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
for target in "${targets[@]}"; do
  corpus="corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    serve_request) cp ../tests/fuzz/serve_request/* "$corpus/" 2>/dev/null || true ;;
    *) find ../charters ../examples ../tests/check ../tests/lint ../tests/fuzz/"$target" \
         -name '*.yaml' -exec cp {} "$corpus/" \; 2>/dev/null || true ;;
  esac
  echo "== $target for ${seconds}s"
  mkdir -p "artifacts/$target"
  "$bin/$target" "$corpus" -artifact_prefix="artifacts/$target/" \
    -max_total_time="$seconds" -max_len=100000 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 2>&1 | tail -25
done
