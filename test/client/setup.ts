// Build-time constants as the mini-program build defines them.
(globalThis as Record<string, unknown>).ANJU_LOCAL = false;
(globalThis as Record<string, unknown>).ANJU_API_BASE = '';
(globalThis as Record<string, unknown>).ANJU_ENV_ID = '';
