// `npm run manifest`: the maintainer command that records the grader's checksums in grader-manifest.json (commit it).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildManifest, MANIFEST_NAME } from '../grader/integrity/manifest.js';
import { kitRoot } from '../grader/paths.js';

const manifest = buildManifest(kitRoot);
writeFileSync(path.join(kitRoot, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(
  `Wrote ${MANIFEST_NAME}: ${Object.keys(manifest.files).length} files. Commit it with your change.\n`,
);
