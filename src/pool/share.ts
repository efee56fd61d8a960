/** A typed array's constructor, seen just enough to copy one onto shared memory. */
type ViewConstructor = new (buffer: SharedArrayBuffer) => ArrayBufferView & { set(source: ArrayBufferView): void };

/**
 * The task with every typed array on a SharedArrayBuffer, so that worker threads share it: it is
 * never copied per attempt or per task, and never detached, so a failed task can be retried. An
 * array on a plain ArrayBuffer is copied to shared memory once, here; the walk goes through plain
 * objects and arrays at any depth (tasks are trees of plain data) and keeps whatever holds no
 * typed array as it is, not copied. Handlers must treat typed arrays in tasks as read-only.
 */
export function shareArrays<T>(task: T): T {
  return share(task) as T;
}

function share(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView || value.buffer instanceof SharedArrayBuffer) return value;
    const shared = new (value.constructor as ViewConstructor)(new SharedArrayBuffer(value.byteLength));
    shared.set(value);
    return shared;
  }
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const s = share(value[i]);
      if (s !== value[i]) (out ??= [...value])[i] = s;
    }
    return out ?? value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value; // Map, Date, …: structured clone copies them
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const s = share(v);
    if (s !== v) (out ??= { ...value })[k] = s;
  }
  return out ?? value;
}
