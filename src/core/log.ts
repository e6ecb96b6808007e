export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Structured JSON lines: one object per event, easy to grep and to ship to any log store. */
export function createLogger({ level = 'info', write = (line: string) => console.log(line), now = () => new Date(), context = () => undefined }: {
  level?: LogLevel;
  write?: (line: string) => void;
  now?: () => Date;
  /**
   * Fields of whatever is running now (the request id, on Node via AsyncLocalStorage), added to
   * every line, so code deep in the answerer need not be handed the request to be traceable.
   */
  context?: () => LogFields | undefined;
} = {}): Logger {
  const emit = (lvl: LogLevel) => (msg: string, fields?: LogFields) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: now().toISOString(), level: lvl, msg, ...context(), ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
