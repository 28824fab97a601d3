import { execFile } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './helpers';

/**
 * The import rules in eslint.config.mjs state the architecture; these cases
 * show each rule fires where it should and stays quiet where the import is
 * allowed. Each case lints a one-line file as if it stood at `filePath`
 * (ESLint's --stdin-filename), through the real CLI and config.
 */
const eslint = path.join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js');

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const child = execFile(process.execPath, [eslint, '--format', 'json', '--stdin', '--stdin-filename', filePath], { cwd: repoRoot });
  child.stdin!.end(code);
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(text));
  });
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null; message: string }[] }[];
  // A path the config ignores would pass every "allowed" case unlinted.
  const unlinted = (result?.messages ?? []).filter((m) => m.ruleId === null);
  if (unlinted.length > 0) throw new Error(`${filePath} was not linted: ${unlinted.map((m) => m.message).join('; ')}`);
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [string, string, string, RegExp | null][] = [
  [
    'the bidding app importing the cms',
    'bidding-app/src/features/auctions/x.ts',
    "import { x } from '../../../../cms/src/bids/cents';",
    /apps never import each other/,
  ],
  ['the worker importing the cms', 'stream-worker/src/x.ts', "import '@car-auction/cms';", /apps never import each other/],
  ['the cms importing the worker', 'cms/src/x.ts', "import { x } from '../../stream-worker/src/config';", /apps never import each other/],
  [
    'product code importing test support',
    'cms/src/x.ts',
    "import { eventually } from '@car-auction/test-support/wait';",
    /never imports test support/,
  ],
  [
    'the browser app importing Node-side support',
    'bidding-app/src/lib/x.ts',
    "import { partitionOf } from '@car-auction/service-support';",
    /Node-side/,
  ],
  [
    'shared app code importing a feature',
    'bidding-app/src/components/x.tsx',
    "import { useSession } from '../features/auth/hooks/use-session';",
    /never imports a feature/,
  ],
  [
    'the contracts importing anything of ours',
    'contracts/src/x.ts',
    "import { partitionOf } from '@car-auction/service-support';",
    /depend on nothing of ours/,
  ],
  ['an app importing the contracts (allowed)', 'stream-worker/src/x.ts', "import { BIDS_TOPIC } from '@car-auction/contracts';", null],
  [
    'a feature importing shared code (allowed)',
    'bidding-app/src/features/auctions/x.ts',
    "import { formatMoney } from '../../lib/money';",
    null,
  ],
  ['a test importing test support (allowed)', 'cms/tests/x.test.ts', "import { eventually } from '@car-auction/test-support/wait';", null],
];

test.each(cases)('%s', async (_name, filePath, code, expected) => {
  const messages = await restrictedImports(filePath, `${code}\n`);
  if (expected) expect(messages.join('\n')).toMatch(expected);
  else expect(messages).toEqual([]);
});
