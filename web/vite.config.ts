import { defineConfig } from "vite";

// Built into the gateway's wwwroot by GoChat.Gateway.csproj; `npm run dev` proxies the API to a local gateway.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: process.env.GOCHAT_WEB_OUT ?? "../gateway/wwwroot",
    emptyOutDir: true,
    sourcemap: false,
    // The CSP forbids inline script; keep the module preload polyfill out of index.html.
    modulePreload: { polyfill: false },
    rollupOptions: {
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
