import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Runes everywhere; component CSS goes to the emitted stylesheet, never a <style> tag (CSP).
    runes: true,
  },
};
