import { defineConfig } from "vite";

// Built into the gateway's wwwroot by GoChat.Gateway.csproj; `npm run dev` proxies the API to a local gateway.
export default defineConfig({
  // The platform root public keys the client trusts (docs/broadcasts/signatures.md): a deployment builds its client with
  // its own, e.g. GOCHAT_PLATFORM_ROOTS='{"root-2026":"BH4C..."}'. None by default: then no broadcast shows as verified.
  define: { __GOCHAT_PLATFORM_ROOTS__: JSON.stringify(process.env.GOCHAT_PLATFORM_ROOTS ?? "{}") },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: process.env.GOCHAT_WEB_OUT ?? "../gateway/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    // The CSP forbids inline script; keep the module preload polyfill out of index.html.
    modulePreload: { polyfill: false },
    rollupOptions: {
      // Chunks keep their export names: the browser tests import the lazily loaded signature checks (verify-*.js) as they are.
      output: { minifyInternalExports: false },
      onwarn(warning, warn) {
        // @microsoft/signalr ships /*#__PURE__*/ comments that Rollup drops; harmless, and not ours to fix.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("@microsoft/signalr")) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:5080",
      "/hubs": { target: "http://127.0.0.1:5080", ws: true },
    },
  },
});
