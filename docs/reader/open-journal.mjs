#!/usr/bin/env node
/**
 * Opens a Fulcrum journal without Fulcrum, following docs/journal-format.md and nothing else.
 *
 *   node docs/reader/open-journal.mjs <data-folder> --export out.json [--yes]
 *   node docs/reader/open-journal.mjs <data-folder> --sql
 *   node docs/reader/open-journal.mjs --backup file.fulcrum (--export out.json [--yes] | --sql)
 *
 * The passphrase or recovery key is asked for on the terminal with echo off (one line from standard
 * input when that is not a terminal); it is never taken from an argument or the environment, where
 * other programs and the shell history could see it.
 *
 * Depends only on node:* modules, @node-rs/argon2 and better-sqlite3-multiple-ciphers. It is the proof
 * that the document is enough, so it must never import anything from Fulcrum's own code (an eslint
 * rule enforces that). Section numbers (§) refer to docs/journal-format.md.
 */
import { hashRaw } from '@node-rs/argon2';
import Database from 'better-sqlite3-multiple-ciphers';
import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';

const USAGE = `Opens a Fulcrum journal without Fulcrum (see docs/journal-format.md).

  node docs/reader/open-journal.mjs <data-folder> --export <file.json> [--yes]
  node docs/reader/open-journal.mjs <data-folder> --sql
  node docs/reader/open-journal.mjs --backup <file.fulcrum> --export <file.json> [--yes]
  node docs/reader/open-journal.mjs --backup <file.fulcrum> --sql

You are asked for your passphrase or recovery key; it is not shown while you type.
  --export FILE  write everything in the journal to FILE as plain JSON (NOT encrypted)
  --yes          do not ask before writing the unencrypted export
  --sql          an interactive, read-only SQL prompt on the journal
`;

/** An error whose message is meant for the person: printed as it is, without a stack trace. */
class Plain extends Error {}

// ---------------------------------------------------------------------------------------------------
// Reading the secret and answers (passphrase on a terminal with echo off, else one line of stdin)

/** Lines of standard input, one at a time, shared by the secret (when not a terminal), the question and the SQL prompt. */
function lineReader() {
  const tty = Boolean(process.stdin.isTTY);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: tty });
  const queue = [];
  const waiting = [];
  let closed = false;
  rl.on('line', (line) => (waiting.length ? waiting.shift()(line) : queue.push(line)));
  rl.on('close', () => {
    closed = true;
    while (waiting.length) waiting.shift()(null);
  });
  rl.on('SIGINT', () => rl.close());
  return {
    /** The next line, or null at the end of input. */
    ask(prompt) {
      if (prompt) {
        rl.setPrompt(prompt);
        rl.prompt();
      }
      if (queue.length) return Promise.resolve(queue.shift());
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => rl.close(),
  };
}

/** Reads a line from the terminal without showing it. */
function readHidden(prompt) {
  const stdin = process.stdin;
  // Echo goes off before the prompt appears, so nothing typed as soon as it shows is echoed.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    function onData(chunk) {
      // An arrow or function key arrives as one escape sequence: it is not part of the secret.
      if (chunk.startsWith('\u001b')) return;
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && typed === '')) {
          finish();
          reject(new Plain('Stopped. Nothing was read or written.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch === '\u0015') typed = '';
        else if (ch >= ' ') typed += ch;
      }
    }
    stdin.on('data', onData);
  });
}

async function readSecret(lines) {
  const prompt = 'Passphrase or recovery key (not shown): ';
  if (process.stdin.isTTY) return readHidden(prompt);
  const line = await lines().ask(null);
  if (line === null || line === '') throw new Plain('No passphrase or recovery key was given on standard input.');
  return line;
}

// ---------------------------------------------------------------------------------------------------
// §2: vault.json, key-encryption keys, unwrapping

const b64 = (value, bytes, what) => {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw new Plain(`The key file is damaged: ${what} is not base64.`);
  const buf = Buffer.from(value, 'base64');
  if (bytes !== undefined && buf.length !== bytes) throw new Plain(`The key file is damaged: ${what} should be ${bytes} bytes.`);
  return buf;
};

/** Checks a vault.json object (§2) and returns what the reader needs from it. */
function checkVault(v, where) {
  if (!v || typeof v !== 'object' || v.format !== 'fulcrum-vault') throw new Plain(`${where} is not a Fulcrum key file.`);
  if (!Number.isInteger(v.version) || v.version < 1) throw new Plain(`${where} is damaged: it has no valid version.`);
  if (v.version > 1) throw new Plain(`${where} is version ${v.version}; this reader knows version 1. Use a newer reader.`);
  if (typeof v.journalId !== 'string' || !/^[0-9a-f-]{36}$/i.test(v.journalId)) throw new Plain(`${where} is damaged: its journalId is not a UUID.`);
  const kdf = v.passphrase?.kdf;
  if (!kdf || kdf.algorithm !== 'argon2id') throw new Plain(`${where} is damaged: it does not name Argon2id.`);
  for (const k of ['memoryKiB', 'iterations', 'parallelism']) {
    if (!Number.isInteger(kdf[k]) || kdf[k] < 1) throw new Plain(`${where} is damaged: passphrase.kdf.${k} is not a positive whole number.`);
  }
  if (kdf.memoryKiB > 4 * 1024 * 1024) throw new Plain(`${where} asks for more than 4 GiB of memory; it is not a key file Fulcrum made.`);
  const wrapped = (w, slot) => ({
    iv: b64(w?.iv, 12, `${slot}.wrapped.iv`),
    tag: b64(w?.tag, 16, `${slot}.wrapped.tag`),
    key: b64(w?.key, 32, `${slot}.wrapped.key`),
  });
  return {
    journalId: v.journalId,
    passphrase: { kdf: { ...kdf, salt: b64(kdf.salt, undefined, 'passphrase.kdf.salt') }, wrapped: wrapped(v.passphrase.wrapped, 'passphrase') },
    recovery: { salt: b64(v.recovery?.salt, undefined, 'recovery.salt'), wrapped: wrapped(v.recovery?.wrapped, 'recovery') },
    databasePending: v.databasePending,
  };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** §2.2: a recovery key's 19-byte secret; { typo } when the checksum fails; null when it is not shaped like one. */
function parseRecoveryKey(text) {
  const s = text.toUpperCase().replace(/[\s\-_.]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 32 || [...s].some((c) => !CROCKFORD.includes(c))) return null;
  let bits = 0n;
  for (const c of s) bits = (bits << 5n) | BigInt(CROCKFORD.indexOf(c));
  const bytes = Buffer.from(bits.toString(16).padStart(40, '0'), 'hex');
  const secret = bytes.subarray(0, 19);
  const check = createHash('sha256').update('fulcrum-recovery', 'ascii').update(secret).digest()[0];
  return check === bytes[19] ? { secret } : { typo: true };
}

/** §2.3: AES-256-GCM with the slot's additional data; null when the tag does not verify (wrong secret). */
function unwrap(kek, wrapped, journalId, slot) {
  try {
    const d = createDecipheriv('aes-256-gcm', kek, wrapped.iv);
    d.setAAD(Buffer.from(`fulcrum-vault/v1/${journalId}/${slot}`, 'ascii'));
    d.setAuthTag(wrapped.tag);
    return Buffer.concat([d.update(wrapped.key), d.final()]);
  } catch {
    return null;
  }
}

async function passphraseKek(passphrase, kdf) {
  return hashRaw(Buffer.from(passphrase.normalize('NFC'), 'utf8'), {
    algorithm: 2, // Argon2id in @node-rs/argon2's Algorithm enumeration; the version is 0x13 by default
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: kdf.salt,
  });
}

const recoveryKek = (secret, salt) => Buffer.from(hkdfSync('sha256', secret, salt, Buffer.from('fulcrum/recovery-kek/v1', 'ascii'), 32));

/** The data key from a passphrase or recovery key (a recovery key is recognised by its form). */
async function dataKeyFrom(secret, vault) {
  const recovery = parseRecoveryKey(secret);
  if (recovery?.secret) {
    const key = unwrap(recoveryKek(recovery.secret, vault.recovery.salt), vault.recovery.wrapped, vault.journalId, 'recovery');
    if (key) return key;
  }
  const key = unwrap(await passphraseKek(secret, vault.passphrase.kdf), vault.passphrase.wrapped, vault.journalId, 'passphrase');
  if (key) return key;
  if (recovery?.typo) throw new Plain('That looks like a recovery key with a typo: one of its characters is wrong. Check it against your saved copy.');
  throw new Plain('That passphrase or recovery key does not open this journal. Nothing was changed.');
}

// ---------------------------------------------------------------------------------------------------
// §1, §2.6 and §4: where the key file and the database are

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Plain(e.code === 'ENOENT' ? `There is no ${what} at ${file}.` : `${file} could not be read (${e.code ?? e.message}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new Plain(`${file} is damaged: it is not valid JSON.`);
  }
}

/** §2.6: which key file and which database file go together, even after an interrupted change or restore. */
function openFolder(dir) {
  const at = (name) => path.join(dir, name);
  if (!fs.existsSync(at('journal.db'))) {
    throw new Plain(fs.existsSync(dir) ? `There is no journal in ${dir} (no journal.db). Give the folder that holds vault.json and journal.db.` : `The folder ${dir} does not exist.`);
  }
  const rotating = fs.existsSync(at('journal.db.rotating'));
  if (fs.existsSync(at('vault.next.json')) && !rotating) {
    return { vault: checkVault(readJson(at('vault.next.json'), 'key file (vault.next.json)'), 'vault.next.json'), db: at('journal.db'), cleanup: () => {} };
  }
  const vault = checkVault(readJson(at('vault.json'), 'key file (vault.json)'), 'vault.json');
  const db = vault.databasePending === 'journal.db.rotating' && rotating ? at('journal.db.rotating') : at('journal.db');
  return { vault, db, cleanup: () => {} };
}

const MAGIC = Buffer.from('FULCRUM-BACKUP\n', 'ascii');

/** §4: checks a .fulcrum file and copies its (still encrypted) database to a private temporary folder. */
function openBackup(file) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new Plain(e.code === 'ENOENT' ? `There is no file ${file}.` : `${file} could not be read (${e.code ?? e.message}).`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-reader-'));
  fs.chmodSync(tmp, 0o700);
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const size = fs.fstatSync(fd).size;
    const read = (pos, len) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(len, size - pos)));
      const n = buf.length ? fs.readSync(fd, buf, 0, buf.length, pos) : 0;
      return buf.subarray(0, n);
    };
    const head = read(0, MAGIC.length + 4);
    if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Plain(`${file} is not a Fulcrum backup.`);
    if (head.length < MAGIC.length + 4) throw new Plain(`${file} is damaged: it ends after its first bytes.`);
    const len = head.readUInt32BE(MAGIC.length);
    if (len === 0 || len > 65536) throw new Plain(`${file} is damaged: its header length is impossible.`);
    const json = read(MAGIC.length + 4, len);
    if (json.length < len) throw new Plain(`${file} is damaged: it is cut off in its header.`);
    let header;
    try {
      header = JSON.parse(json.toString('utf8'));
    } catch {
      throw new Plain(`${file} is damaged: its header is not valid JSON.`);
    }
    if (header?.format !== 'fulcrum-backup') throw new Plain(`${file} is not a Fulcrum backup.`);
    if (!Number.isInteger(header.version) || header.version > 1) throw new Plain(`${file} is backup version ${header.version}; this reader knows version 1.`);
    const vault = checkVault(header.vault, 'The backup’s key data');
    const bytes = header.database?.bytes;
    const sha256 = header.database?.sha256;
    if (!Number.isInteger(bytes) || bytes <= 0 || typeof sha256 !== 'string') throw new Plain(`${file} is damaged: its header does not describe the database.`);
    const start = MAGIC.length + 4 + len;
    if (size !== start + bytes) throw new Plain(`${file} is damaged: it is ${size < start + bytes ? 'shorter' : 'longer'} than its header says (it may have been cut off while copying).`);
    const db = path.join(tmp, 'journal.db');
    const out = fs.openSync(db, 'wx', 0o600);
    const hash = createHash('sha256');
    try {
      for (let pos = 0; pos < bytes; pos += 1 << 20) {
        const part = read(start + pos, Math.min(1 << 20, bytes - pos));
        hash.update(part);
        fs.writeSync(out, part);
      }
    } finally {
      fs.closeSync(out);
    }
    if (hash.digest('hex') !== sha256) throw new Plain(`${file} is damaged: its contents do not match its checksum.`);
    return { vault, db, cleanup, createdAt: header.createdAt, kind: header.kind };
  } catch (e) {
    cleanup();
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------
// §2.4: the SQLCipher 4 database

/** Opens read-only. SQLite makes empty -wal/-shm files for a WAL database; those it made are removed on close. */
function openDatabase(file, dataKey) {
  const sidecars = ['-wal', '-shm'].map((s) => file + s).filter((f) => !fs.existsSync(f));
  let db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new Plain(`${file} could not be opened (${e.message}).`);
  }
  const close = () => {
    db.close();
    for (const f of sidecars) {
      try {
        if (f.endsWith('-shm') || fs.statSync(f).size === 0) fs.rmSync(f, { force: true });
      } catch {
        // Not there: nothing to tidy.
      }
    }
  };
  try {
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    close();
    throw new Plain('The key opened the key file but not the database: the database is damaged or belongs to another journal.');
  }
  return { db, close };
}

// ---------------------------------------------------------------------------------------------------
// The export (§3)

const DERIVED = /^(sqlite_|entries_fts|entries_unspaced|attachments_fts|rollup_|ledger_tree$)/;

const plainValue = (v) => (Buffer.isBuffer(v) ? { base64: v.toString('base64') } : typeof v === 'bigint' ? v.toString() : v);
const plainRow = (row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)]));

function tableNames(db) {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all()
    .filter((n) => !DERIVED.test(n));
}

const READABLE = ['entries', 'people', 'tags', 'entry_people', 'entry_tags'];

/** Every entry with its people, patterns, life areas and power sources by name (the tables of §3), one at a time. */
function* readableEntries(db, tables) {
  const listOf = (sql) => {
    const stmt = db.prepare(sql).pluck();
    return (id) => stmt.all(id).sort();
  };
  const people = listOf('SELECT p.name FROM entry_people ep JOIN people p ON p.id = ep.person_id WHERE ep.entry_id = ?');
  const patterns = listOf('SELECT t.label FROM entry_tags et JOIN tags t ON t.id = et.tag_id WHERE et.entry_id = ?');
  const domains = tables.includes('entry_domains') ? listOf('SELECT domain FROM entry_domains WHERE entry_id = ?') : () => [];
  const sources = tables.includes('entry_power_sources') ? listOf('SELECT source FROM entry_power_sources WHERE entry_id = ?') : () => [];
  // Rows of an import that never finished (schema version 13) are not part of the journal: left out.
  const batched = db.prepare("SELECT 1 FROM pragma_table_info('entries') WHERE name = 'import_batch'").get() !== undefined;
  for (const e of db.prepare(`SELECT * FROM entries${batched ? ' WHERE import_batch IS NULL' : ''} ORDER BY occurred_at, id`).iterate()) {
    const { import_batch: _batch, ...row } = e;
    yield { ...plainRow(row), people: people(e.id), patterns: patterns(e.id), domains: domains(e.id), power_sources: sources(e.id) };
  }
}

/** Writes through a buffer, so a large journal is written in large pieces and never held whole in memory. */
function bufferedWriter(fd) {
  let parts = [];
  let size = 0;
  const flush = () => {
    if (size) fs.writeSync(fd, Buffer.from(parts.join(''), 'utf8'));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= 1 << 20) flush();
    },
    flush,
  };
}

/**
 * The export, streamed: one JSON document with the readable entries and every table of §3 (not the
 * derived ones, not the access log's private key), one row per line.
 */
function writeExportTo(fd, db, source) {
  const w = bufferedWriter(fd);
  const tables = tableNames(db);
  const head = {
    format: 'fulcrum-plain-export',
    note: 'Written by docs/reader/open-journal.mjs. This file is NOT encrypted.',
    exportedAt: new Date().toISOString(),
    source,
    schemaVersion: db.pragma('user_version', { simple: true }),
  };
  w.write(JSON.stringify(head, null, 2).slice(0, -2) + ',\n');
  const counts = { live: 0, trashed: 0 };
  const readable = READABLE.every((t) => tables.includes(t));
  const entries = readable ? readableEntries(db, tables) : [];
  let first = true;
  for (const e of entries) {
    w.write(`${first ? '  "entries": [\n    ' : ',\n    '}${JSON.stringify(e)}`);
    first = false;
    counts[e.deleted_at === null ? 'live' : 'trashed']++;
  }
  // null: a journal without the tables of the readable view (the raw tables below still hold everything).
  w.write(first ? `  "entries": ${readable ? '[]' : 'null'},\n` : '\n  ],\n');
  w.write('  "tables": {');
  tables.forEach((t, i) => {
    w.write(`${i ? ',' : ''}\n    ${JSON.stringify(t)}: [`);
    let n = 0;
    for (const row of db.prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`).iterate()) {
      // The access log's private key is a key, not journal content (§3, meta).
      if (t === 'meta' && row.key === 'access_log_key') continue;
      w.write(`${n++ ? ',' : ''}\n      ${JSON.stringify(plainRow(row))}`);
    }
    w.write(n ? '\n    ]' : ']');
  });
  w.write('\n  }\n}\n');
  w.flush();
  return counts;
}

async function confirmExport(out, yes, lines) {
  process.stderr.write(`This file will NOT be encrypted: anyone who can open ${out} can read your whole journal.\n`);
  if (yes) return;
  const answer = await lines().ask('Write it? Type "yes" to continue: ');
  if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) throw new Plain('Nothing was written.');
}

function writeExport(out, db, source) {
  let fd;
  try {
    fd = fs.openSync(out, 'wx', 0o600);
  } catch (e) {
    throw new Plain(e.code === 'EEXIST' ? `${out} already exists. Choose another name, or delete it first; it was not changed.` : `${out} could not be created (${e.code ?? e.message}).`);
  }
  try {
    const counts = writeExportTo(fd, db, source);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return counts;
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(out, { force: true });
    throw new Plain(`${out} could not be written (${e.code ?? e.message}); the partial file was removed.`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The SQL prompt

const cell = (v) => (v === null ? 'NULL' : Buffer.isBuffer(v) ? `<${v.length} bytes>` : String(v));

function runSql(db, sql) {
  const stmt = db.prepare(sql);
  if (!stmt.reader) {
    stmt.run();
    return;
  }
  const columns = stmt.columns().map((c) => c.name);
  process.stdout.write(columns.join(' | ') + '\n');
  let n = 0;
  for (const row of stmt.raw().iterate()) {
    process.stdout.write(row.map(cell).join(' | ') + '\n');
    n++;
  }
  process.stdout.write(`(${n} row${n === 1 ? '' : 's'})\n`);
}

async function sqlPrompt(db, lines) {
  process.stderr.write('Read-only SQL on your journal. End each statement with ";". .tables lists the tables, .schema TABLE shows one, .quit ends.\n');
  let pending = '';
  for (;;) {
    const line = await lines().ask(pending ? '   ...> ' : 'journal> ');
    if (line === null) return;
    const trimmed = line.trim();
    if (!pending && trimmed.startsWith('.')) {
      const [cmd, arg] = trimmed.split(/\s+/);
      if (cmd === '.quit' || cmd === '.exit') return;
      if (cmd === '.tables') process.stdout.write(tableNames(db).join('\n') + '\n');
      else if (cmd === '.schema') {
        const rows = db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND (? IS NULL OR tbl_name = ?) ORDER BY name").pluck().all(arg ?? null, arg ?? null);
        process.stdout.write(rows.join(';\n') + (rows.length ? ';\n' : ''));
      } else process.stderr.write('Known commands: .tables, .schema TABLE, .quit\n');
      continue;
    }
    pending += (pending ? '\n' : '') + line;
    if (!trimmed.endsWith(';')) continue;
    const sql = pending;
    pending = '';
    try {
      runSql(db, sql);
    } catch (e) {
      const msg = /readonly|read-only/i.test(e.message) ? 'The journal is opened read-only here: nothing can be changed.' : e.message;
      process.stderr.write(`Error: ${msg}\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { backup: { type: 'string' }, export: { type: 'string' }, sql: { type: 'boolean' }, yes: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    process.stderr.write(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const sources = positionals.length + (values.backup ? 1 : 0);
  if (sources !== 1 || Boolean(values.export) === Boolean(values.sql)) {
    process.stderr.write(USAGE);
    return 2;
  }
  let reader = null;
  const lines = () => (reader ??= lineReader());
  let opened = null;
  let database = null;
  // Ctrl+C while the key is being derived: the temporary copy of a backup still goes.
  process.once('SIGINT', () => {
    opened?.cleanup();
    process.exit(130);
  });
  try {
    opened = values.backup ? openBackup(path.resolve(values.backup)) : openFolder(path.resolve(positionals[0]));
    const secret = await readSecret(lines);
    process.stderr.write('Opening…\n');
    const dataKey = await dataKeyFrom(secret, opened.vault);
    database = openDatabase(opened.db, dataKey);
    dataKey.fill(0);
    if (values.export) {
      const out = path.resolve(values.export);
      await confirmExport(out, values.yes, lines);
      const source = values.backup
        ? { kind: 'backup', file: path.resolve(values.backup), createdAt: opened.createdAt, backupKind: opened.kind, journalId: opened.vault.journalId }
        : { kind: 'folder', folder: path.resolve(positionals[0]), journalId: opened.vault.journalId };
      const { live, trashed } = writeExport(out, database.db, source);
      process.stderr.write(`Wrote ${out} (entries: ${live}, in the trash: ${trashed}). It is NOT encrypted: delete it when you are done.\n`);
    } else {
      await sqlPrompt(database.db, lines);
    }
    return 0;
  } catch (e) {
    if (e instanceof Plain) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    database?.close();
    opened?.cleanup();
    reader?.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
