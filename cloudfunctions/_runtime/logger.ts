/**
 * Structured JSON logs without PII: callers appear only as a short salted hash, events only as their
 * action name and key list. Quiet under jest unless ANJU_LOG is set.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(
    level: LogLevel,
    msg: string,
    fields?: Record<string, string | number | boolean | null | undefined>,
  ): void;
}

export function createJsonLogger(
  sink: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): Logger {
  const quiet = process.env.JEST_WORKER_ID !== undefined && !process.env.ANJU_LOG;
  return {
    log(level, msg, fields) {
      if (quiet) return;
      sink(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
    },
  };
}

/** A logger that keeps lines in memory (tests assert that no PII is logged). */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log(level, msg, fields) {
      lines.push(JSON.stringify({ level, msg, ...fields }));
    },
  };
}
