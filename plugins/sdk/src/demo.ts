// The demo city a plugin's demo data refers to (its districts, members, research projects, …)
// and the plugin-specific parts of the seed report's world, so that a plugin's seed imports this
// package alone. Only seeds and tests use it; a deployment without demo data never loads it.
export * from '@cppcc/demo';
