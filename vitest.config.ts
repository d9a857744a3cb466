import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
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
					// Against the lab swarm: one file at a time, since they share one swarm.
					name: 'lab',
					include: ['test/lab/**/*.test.{ts,tsx}', 'test/e2e/**/*.test.{ts,tsx}'],
					poolOptions: {forks: {singleFork: true}},
					// After the unit project, so timing-sensitive screens do not share the CPU.
					sequence: {groupOrder: 1},
					testTimeout: 180_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
