/**
 * From JSON paths of the built instance back to sheet cells, so problems the instance validation
 * finds (`clients[3].tasks[0].windows[1].end`, a duplicate id, an unknown team) are reported with
 * file, sheet, line and column like the sheet problems.
 * @module
 */
import type { ValidationIssue } from '../validate/index.js';
import type { CellRef, SheetIssue } from './issues.js';
import type { RowReader } from './table.js';

interface Entry {
  readonly row: RowReader;
  /** Field path below the entry (indices dropped) → column key; `''` for the entry itself. */
  readonly fields: Readonly<Record<string, string>>;
}

/** JSON path prefixes (`clients[3]`, `staff[2].shifts[5]`, `period.start`) → the row they came from. */
export class SourceMap {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly path: string) {}

  add(prefix: string, row: RowReader, fields: Readonly<Record<string, string>>): void {
    this.entries.set(prefix, { row, fields });
  }

  /** The cell of a JSON path: the longest known prefix, then the longest known field below it. */
  locate(path: string): CellRef {
    const tokens = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
    for (let n = tokens.length; n > 0; n--) {
      const prefix = join(tokens.slice(0, n));
      const entry = this.entries.get(prefix);
      if (!entry) continue;
      const rest = tokens.slice(n).filter((t) => !t.startsWith('['));
      for (let k = rest.length; k >= 0; k--) {
        const key = entry.fields[rest.slice(0, k).join('.')];
        if (key !== undefined) return entry.row.ref(key);
      }
      return entry.row.ref();
    }
    return { file: this.path, sheet: '' };
  }

  /** A validation issue at its sheet cell; the JSON path stays in the message for integrators. */
  toSheetIssue(i: ValidationIssue): SheetIssue {
    const at = this.locate(i.path);
    return { ...at, code: i.code, severity: i.severity, message: `${i.message.replace(/\(first at ([^)]*)\)/, (_, p: string) => `(first on line ${this.locate(p).line ?? '?'})`)} [${i.path}]`, hint: i.hint };
  }
}

function join(tokens: readonly string[]): string {
  return tokens.reduce((s, t) => (t.startsWith('[') ? `${s}${t}` : s === '' ? t : `${s}.${t}`), '');
}
