// A process that rewrites one file with our atomic writer in a loop, taking
// turns between the contents it is given, until it is killed (SIGKILL, by the
// racing-writer test). Bundled by the test with esbuild so it starts fast.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../../app/core/fs/atomic-write';

const [target, ...sources] = process.argv.slice(2);
const contents = sources.map((file) => readFileSync(file));
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await writeFileAtomic(target!, contents[i % contents.length]!);
}
