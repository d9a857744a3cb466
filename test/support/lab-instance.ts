// Runs before each lab test file: when several labs are up (TEST_LABS="0 9"), each test
// worker takes its own, so files run side by side without sharing a swarm. Tests read
// LAB_INSTANCE as scripts/lab does; "0" is the default lab, which has no suffix.
const labs = (process.env['TEST_LABS'] ?? '').split(/\s+/).filter(Boolean);
const worker = Number(process.env['VITEST_POOL_ID'] ?? '1');
if (labs.length > 1) {
	const instance = labs[(worker - 1) % labs.length]!;
	if (instance === '0') {
		delete process.env['LAB_INSTANCE'];
	} else {
		process.env['LAB_INSTANCE'] = instance;
	}
}
