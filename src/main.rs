//! The browser app's entry point, built by trunk (see index.html). It
//! installs the panic hook (`crash.rs`) before the app starts. Natively it
//! only says where the app is.

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        podlab::crash::install();
        podlab::app::start();
    }
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("podlab-web is the browser app: serve it with `trunk serve` (see README.md)");
}
