/** Nearest-neighbour lists of the compiled problem (granular local search, SISR's relatedness). */

/**
 * The `count` nearest other visits of every visit by travel time there and back (profile 0),
 * nearest first, ties by index; a bounded max-heap per visit keeps it O(n² log count).
 */
export function nearestNeighbours(time: Float64Array, nLoc: number, visitLoc: Int32Array, count: number): Int32Array {
  const nV = visitLoc.length;
  const out = new Int32Array(nV * count);
  if (count === 0) return out;
  const heapKey = new Float64Array(count);
  const heapIdx = new Int32Array(count);
  // "a before b" in the heap order: larger key first (a max-heap), ties by larger index.
  const above = (ka: number, ia: number, kb: number, ib: number): boolean => ka > kb || (ka === kb && ia > ib);
  for (let v = 0; v < nV; v++) {
    const lv = visitLoc[v]!;
    let size = 0;
    for (let w = 0; w < nV; w++) {
      if (w === v) continue;
      const lw = visitLoc[w]!;
      const key = time[lv * nLoc + lw]! + time[lw * nLoc + lv]!;
      if (size < count) {
        // Sift up.
        let i = size++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (!above(key, w, heapKey[parent]!, heapIdx[parent]!)) break;
          heapKey[i] = heapKey[parent]!;
          heapIdx[i] = heapIdx[parent]!;
          i = parent;
        }
        heapKey[i] = key;
        heapIdx[i] = w;
      } else if (above(heapKey[0]!, heapIdx[0]!, key, w)) {
        // Replace the farthest and sift down.
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) break;
          let c = l;
          if (l + 1 < size && above(heapKey[l + 1]!, heapIdx[l + 1]!, heapKey[l]!, heapIdx[l]!)) c = l + 1;
          if (!above(heapKey[c]!, heapIdx[c]!, key, w)) break;
          heapKey[i] = heapKey[c]!;
          heapIdx[i] = heapIdx[c]!;
          i = c;
        }
        heapKey[i] = key;
        heapIdx[i] = w;
      }
    }
    // Pop in order: the heap's top is the farthest, so fill from the back.
    for (let j = size - 1; j >= 0; j--) {
      out[v * count + j] = heapIdx[0]!;
      const lastKey = heapKey[j]!;
      const lastIdx = heapIdx[j]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= j) break;
        let c = l;
        if (l + 1 < j && above(heapKey[l + 1]!, heapIdx[l + 1]!, heapKey[l]!, heapIdx[l]!)) c = l + 1;
        if (!above(heapKey[c]!, heapIdx[c]!, lastKey, lastIdx)) break;
        heapKey[i] = heapKey[c]!;
        heapIdx[i] = heapIdx[c]!;
        i = c;
      }
      heapKey[i] = lastKey;
      heapIdx[i] = lastIdx;
    }
  }
  return out;
}

