// Writes the key table the registry generates into the README, between its markers: run
// after adding or changing a key (`npm run readme`); a test checks the two agree.
import {readFileSync, writeFileSync} from 'node:fs';
import {keyTableMarkdown} from '../source/keys/registry.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const updated = readme.replace(/(<!-- keys:start -->\n)[\s\S]*?(\n<!-- keys:end -->)/, `$1${keyTableMarkdown()}$2`);
writeFileSync(file, updated);
