import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// Lab tests share one swarm: run files one at a time so they never race each other.
		fileParallelism: false,
		testTimeout: 20_000,
		hookTimeout: 180_000,
	},
});
