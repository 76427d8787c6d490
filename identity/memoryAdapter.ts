import { LRUCache } from 'lru-cache';

/**
 * oidc-provider's storage for the development provider: sessions, interactions, codes, grants and
 * tokens' records in this process's memory, each dropped when it expires (and the oldest past
 * {@link MAX_ENTRIES}). Restarting the provider forgets them all, which signs everyone out: this
 * provider is for development, where that is what one wants.
 */

const MAX_ENTRIES = 50_000;

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

/** An adapter class of its own storage: one per provider (tests start several in one process). */
export function memoryAdapter() {
  const store = new LRUCache<string, Payload>({ max: MAX_ENTRIES });
  const grants = new LRUCache<string, string[]>({ max: MAX_ENTRIES });

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const key = this.key(id);
      const ttl = expiresIn ? expiresIn * 1000 : undefined;
      if (this.model !== 'Grant' && typeof payload.grantId === 'string') {
        const keys = grants.get(payload.grantId) ?? [];
        keys.push(key);
        grants.set(payload.grantId, keys, { ttl });
      }
      store.set(key, payload, { ttl });
      if (typeof payload.uid === 'string') store.set(`${this.model}:uid:${payload.uid}`, { id }, { ttl });
      if (typeof payload.userCode === 'string') store.set(`${this.model}:userCode:${payload.userCode}`, { id }, { ttl });
    }

    async find(id: string): Promise<Payload | undefined> {
      return store.get(this.key(id));
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      const pointer = store.get(`${this.model}:uid:${uid}`);
      return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      const pointer = store.get(`${this.model}:userCode:${userCode}`);
      return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
    }

    async consume(id: string): Promise<void> {
      const payload = store.get(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) store.delete(key);
      grants.delete(grantId);
    }
  };
}
