/** The platform root public keys as JSON, from GOCHAT_PLATFORM_ROOTS at build time (vite.config.ts). */
declare const __GOCHAT_PLATFORM_ROOTS__: string;
