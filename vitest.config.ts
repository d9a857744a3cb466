import {defineConfig} from 'vitest/config';

const labCount = (process.env['TEST_LABS'] ?? '').split(/\s+/).filter(Boolean).length;

export default defineConfig({
	test: {
		// Vitest's default is one worker fewer than the cores: one, on a 2-core machine. The lab
		// tests mostly wait on the swarm, so with two labs up two files run at once.
		...(labCount > 1 ? {maxWorkers: labCount, minWorkers: 1} : {}),
		projects: [
			{
				test: {
					name: 'unit',
					sequence: {groupOrder: 0},
					include: ['test/unit/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}'],
				},
			},
			{
				test: {
					// Against the lab swarm: one file at a time per lab, since a file's tests share
					// its swarm. TEST_LABS (scripts/test sets it) names the labs that are up.
					name: 'lab',
					include: ['test/lab/**/*.test.{ts,tsx}', 'test/e2e/**/*.test.{ts,tsx}'],
					setupFiles: ['test/support/lab-instance.ts'],
					poolOptions: {forks: {singleFork: labCount <= 1}},
					// After the unit project, so timing-sensitive screens do not share the CPU.
					sequence: {groupOrder: 1},
					testTimeout: 180_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
