import { DurableObject } from 'cloudflare:workers';

/**
 * Slack claims, once across every isolate and location (the CLAIMS binding): a Durable Object,
 * because KV is eventually consistent and two isolates could both read "unclaimed".
 *
 * Sharded one object per key (`idFromName(key)`): claims never queue behind one another, no
 * object grows, and each empties itself with an alarm when its claim expires, after which it holds
 * no storage at all. It still keeps its claims by key, so a coarser sharding would need no change here.
 */
export class SlackClaims extends DurableObject {
  /** True the first time `key` is claimed within `ttlMs`; false for every repeat (RPC). */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    const { kv } = this.ctx.storage;
    const now = Date.now();
    const until = kv.get<number>(key);
    if (until !== undefined && until > now) return false;
    kv.put(key, now + ttlMs);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > now + ttlMs) await this.ctx.storage.setAlarm(now + ttlMs);
    return true;
  }

  /** Forgets expired claims; with none left, deletes the object's storage (and the object with it). */
  override async alarm(): Promise<void> {
    const { kv } = this.ctx.storage;
    const now = Date.now();
    let next: number | undefined;
    // Read whole before deleting: the list is a cursor over the table being changed.
    for (const [key, until] of [...kv.list<number>()]) {
      if (until <= now) kv.delete(key);
      else next = Math.min(next ?? until, until);
    }
    if (next === undefined) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(next);
  }
}
