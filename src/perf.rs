//! User Timing marks for `cargo xtask bench`: when the first page arrived, when its rows were
//! drawn, when the last page arrived. Marks cost nothing a user notices and need no flag.

/// Records `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Records the mark in the next animation frame, after the pending render has been applied.
pub fn mark_next_frame(name: &'static str) {
    leptos::prelude::request_animation_frame(move || mark(name));
}

/// The bytes of WebAssembly memory the app holds, for the benchmark's memory figure.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> u32 {
    #[cfg(target_arch = "wasm32")]
    {
        let bytes = core::arch::wasm32::memory_size(0) as u64 * 65536;
        bytes.min(u64::from(u32::MAX)) as u32
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}
