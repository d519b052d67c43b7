//! Themes and fonts are embedded in the binary (`include_dir!`, `include_bytes!`); tell Cargo
//! to rebuild when any file under them changes, since the macro alone does not.

fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=fonts");
    println!("cargo:rerun-if-changed=src/locale");
}
