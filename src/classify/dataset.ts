import { createReadStream, promises as fs } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { EmbedkitError } from '../errors.js';

/** Labelled texts, in file order. */
export interface LabelledTexts {
  texts: string[];
  labels: string[];
}

export type DatasetFormat = 'tsv' | 'csv' | 'jsonl';

export interface ReadDatasetOptions {
  /** Detected from the extension (after `.gz`) when absent: .csv → csv, .jsonl/.json → jsonl, else tsv. */
  format?: DatasetFormat;
  /** CSV column (header name) or JSONL field holding the text; default "text" (CSV: also "review", "sentence"). */
  textColumn?: string;
  /** CSV column or JSONL field holding the label; default "label". */
  labelColumn?: string;
}

export function detectDatasetFormat(file: string): DatasetFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.json') || name.endsWith('.ndjson')) return 'jsonl';
  return 'tsv';
}

/**
 * Reads a labelled data set: TSV (`label<TAB>text`), CSV with a header, or JSONL (`{"text", "label"}`), plain or
 * gzip-compressed. A malformed row fails with its file and line number; an empty file fails too.
 */
export async function readDataset(file: string, options: ReadDatasetOptions = {}): Promise<LabelledTexts> {
  const format = options.format ?? detectDatasetFormat(file);
  const stream = await openText(file);
  let result: LabelledTexts;
  if (format === 'csv') result = await readCsv(stream, file, options);
  else result = await readLineFormat(stream, file, format, options);
  if (result.texts.length === 0) throw new EmbedkitError('EMPTY_DATA', 'no labelled examples found', { file });
  return result;
}

async function openText(file: string): Promise<Readable> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EmbedkitError('FILE_NOT_FOUND', code === 'ENOENT' ? 'no such file' : `cannot open (${code})`, { file });
  }
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  await handle.close();
  const raw = createReadStream(file);
  const gzipped = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gzipped) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

async function readLineFormat(
  stream: Readable,
  file: string,
  format: 'tsv' | 'jsonl',
  options: ReadDatasetOptions,
): Promise<LabelledTexts> {
  const texts: string[] = [];
  const labels: string[] = [];
  const textField = options.textColumn ?? 'text';
  const labelField = options.labelColumn ?? 'label';
  let lineNumber = 0;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const rawLine of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (line.trim() === '') continue;
      if (format === 'tsv') {
        const tab = line.indexOf('\t');
        if (tab <= 0) {
          throw new EmbedkitError('BAD_ROW', 'expected "label<TAB>text"', { file, line: lineNumber });
        }
        labels.push(line.slice(0, tab).trim());
        texts.push(line.slice(tab + 1));
      } else {
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          throw new EmbedkitError('BAD_ROW', 'not valid JSON', { file, line: lineNumber });
        }
        if (typeof row !== 'object' || row === null) {
          throw new EmbedkitError('BAD_ROW', 'expected a JSON object', { file, line: lineNumber });
        }
        const record = row as Record<string, unknown>;
        const text = record[textField];
        const label = record[labelField];
        if (typeof text !== 'string') {
          throw new EmbedkitError('BAD_ROW', 'missing or non-string text', { file, line: lineNumber, field: textField });
        }
        if (typeof label !== 'string' && typeof label !== 'number' && typeof label !== 'boolean') {
          throw new EmbedkitError('BAD_ROW', 'missing label', { file, line: lineNumber, field: labelField });
        }
        texts.push(text);
        labels.push(String(label));
      }
    }
  } catch (error) {
    if (error instanceof EmbedkitError) throw error;
    throw new EmbedkitError('READ_ERROR', (error as Error).message, { file, line: lineNumber + 1 });
  }
  return { texts, labels };
}

async function readCsv(stream: Readable, file: string, options: ReadDatasetOptions): Promise<LabelledTexts> {
  const parser = stream.pipe(
    parseCsv({ bom: true, relax_column_count: false, skip_empty_lines: true, info: true }),
  );
  const texts: string[] = [];
  const labels: string[] = [];
  let textIndex = -1;
  let labelIndex = -1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (textIndex < 0) {
        const header = record.map((h) => h.trim());
        textIndex = findColumn(header, options.textColumn, ['text', 'review', 'sentence', 'content'], file, 'text');
        labelIndex = findColumn(header, options.labelColumn, ['label', 'labels', 'class', 'category'], file, 'label');
        continue;
      }
      const text = record[textIndex];
      const label = record[labelIndex].trim();
      if (label === '') {
        throw new EmbedkitError('BAD_ROW', 'empty label', { file, line: info.lines, field: labelColumnName(options) });
      }
      texts.push(text);
      labels.push(label);
    }
  } catch (error) {
    if (error instanceof EmbedkitError) throw error;
    const lines = (error as { lines?: number }).lines;
    throw new EmbedkitError('BAD_ROW', `malformed CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`, {
      file,
      line: lines,
    });
  }
  return { texts, labels };
}

function labelColumnName(options: ReadDatasetOptions): string {
  return options.labelColumn ?? 'label';
}

function findColumn(header: string[], wanted: string | undefined, defaults: string[], file: string, role: string): number {
  const candidates = wanted !== undefined ? [wanted] : defaults;
  for (const name of candidates) {
    const index = header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
    if (index >= 0) return index;
  }
  throw new EmbedkitError(
    'UNKNOWN_COLUMN',
    `no ${role} column ${candidates.map((c) => `"${c}"`).join(' or ')} in the header (columns: ${header.join(', ')}); use --${role}-column`,
    { file, line: 1 },
  );
}
