/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The local runtime's URL (default https://127.0.0.1:20002); the rest comes from its GET /local/info. */
  readonly VITE_LOCAL_API_URL?: string;
}
