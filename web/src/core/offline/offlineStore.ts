import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";
import { seal, open, type CacheKey, type Sealed } from "./cacheCrypto";

/**
 * One IndexedDB database per user (gochat-offline-<user id>): the cache key, and sealed records of the outbox and of
 * the conversation cache. Nothing in it is readable without the key, which the server forgets with the device session.
 */
export const databasePrefix = "gochat-offline-";
/** Users who had a database here: where indexedDB.databases() is missing, wiping still finds every one. */
const knownUsersKey = "gochat.offline.users";

export type RecordStore = "conversations" | "outbox" | "people";

interface OfflineSchema extends DBSchema {
  meta: { key: string; value: CacheKey };
  conversations: { key: string; value: Sealed };
  outbox: { key: string; value: Sealed };
  people: { key: string; value: Sealed };
}

export class OfflineStore {
  private constructor(readonly userId: string, private readonly db: IDBPDatabase<OfflineSchema>) {}

  static async open(userId: string): Promise<OfflineStore> {
    remember(userId);
    const db = await openDB<OfflineSchema>(databasePrefix + userId, 1, {
      upgrade(d) {
        d.createObjectStore("meta");
        d.createObjectStore("conversations");
        d.createObjectStore("outbox");
        d.createObjectStore("people");
      },
      // A wipe from another tab: let it go at once rather than hold it up.
      blocking() {
        db.close();
      },
    });
    return new OfflineStore(userId, db);
  }

  close() {
    this.db.close();
  }

  key(): Promise<CacheKey | undefined> {
    return this.db.get("meta", "key");
  }

  /** A different key means the old records can no longer be read: they go, and the new key is kept. */
  async replaceKey(key: CacheKey) {
    const tx = this.db.transaction(["meta", "conversations", "outbox", "people"], "readwrite");
    await Promise.all([
      tx.objectStore("conversations").clear(), tx.objectStore("outbox").clear(), tx.objectStore("people").clear(),
      tx.objectStore("meta").put(key, "key"), tx.done,
    ]);
  }

  private place(store: RecordStore, id: string) {
    return `${this.userId}/${store}/${id}`;
  }

  async put(key: CryptoKey, store: RecordStore, id: string, value: unknown) {
    await this.db.put(store, await seal(key, this.place(store, id), value), id);
  }

  delete(store: RecordStore, id: string) {
    return this.db.delete(store, id);
  }

  /** Every record that opens with the key; one that does not (damaged, or sealed under another key) is dropped. */
  async all<T>(key: CryptoKey, store: RecordStore): Promise<{ id: string; value: T }[]> {
    const ids = await this.db.getAllKeys(store);
    const sealed = await this.db.getAll(store);
    const out: { id: string; value: T }[] = [];
    for (let i = 0; i < ids.length; i++) {
      try {
        out.push({ id: ids[i], value: await open<T>(key, this.place(store, ids[i]), sealed[i]) });
      } catch {
        await this.db.delete(store, ids[i]);
      }
    }
    return out;
  }
}

function knownUsers(): string[] {
  try {
    return JSON.parse(localStorage.getItem(knownUsersKey) ?? "[]") as string[];
  } catch {
    return [];
  }
}

function remember(userId: string) {
  const users = knownUsers();
  if (!users.includes(userId)) localStorage.setItem(knownUsersKey, JSON.stringify([...users, userId]));
}

/** Deletes the offline data (and key) of every user but keep; of everyone when keep is null. */
export async function wipeAllBut(keep: string | null) {
  const names = new Set(knownUsers().map((u) => databasePrefix + u));
  try {
    for (const d of await indexedDB.databases()) if (d.name?.startsWith(databasePrefix)) names.add(d.name);
  } catch {
    // Not every browser lists databases; the remembered users are enough there.
  }
  if (keep) names.delete(databasePrefix + keep);
  await Promise.all([...names].map((name) => deleteDB(name)));
  localStorage.setItem(knownUsersKey, JSON.stringify(keep && knownUsers().includes(keep) ? [keep] : []));
}
