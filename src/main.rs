//! The browser app's entry point, built by trunk (see index.html). Natively
//! it only says where the app is.

fn main() {
    #[cfg(target_arch = "wasm32")]
    podlab::app::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("podlab-web is the browser app: serve it with `trunk serve` (see README.md)");
}
