import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultJournalDir } from '../core/paths.js';

export interface WebCliOptions {
  dataDir: string;
  port: number;
  host: string | undefined;
  insecureTestKdf: boolean;
}

const USAGE = 'Usage: npm run web -- [--data-dir DIR] [--port N] [--host 127.0.0.1]';

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'insecure-test-kdf': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535. ${USAGE}`);
  const insecureTestKdf = values['insecure-test-kdf'] ?? false;
  if (insecureTestKdf && env.FULCRUM_ALLOW_INSECURE_TEST_KDF !== '1') {
    throw new Error('--insecure-test-kdf is for automated tests only and needs FULCRUM_ALLOW_INSECURE_TEST_KDF=1 in the environment.');
  }
  return {
    dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultJournalDir(),
    port,
    host: values.host,
    insecureTestKdf,
  };
}
