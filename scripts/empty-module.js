// What an import that swarmdeck never needs resolves to in the bundle (see scripts/bundle.mjs).
export default {};
