import { describe, expect, it } from 'vitest';
import html from '../index.html?raw';
import main from './main.ts?raw';

/** The font files the installed font families hold ("@fontsource/noto-sans/files/….woff2"). */
const fontFiles = Object.keys(import.meta.glob('../node_modules/@fontsource/*/files/*.woff2')).map((path) =>
  path.replace('../node_modules/', ''),
);

/** The font files `index.html` asks the web view to fetch before the first layout. */
const preloaded = [...html.matchAll(/<link rel="preload" href="\/([^"]+)" as="font" type="font\/woff2" crossorigin \/>/g)].map(
  (m) => m[1] ?? '',
);

describe('fonts fetched before the first layout', () => {
  it('are faces the page itself bundles, so none is fetched twice or for nothing', () => {
    // Latin regular and semibold (every screen), Khmer regular (the language button in
    // English, every label in Khmer).
    expect(preloaded).toHaveLength(3);
    for (const file of preloaded) {
      // node_modules/@fontsource/<family>/files/<family>-<subset>-<weight>-normal.woff2: a face
      // of the weight's stylesheet, which main.ts imports.
      const [, family, weight] = file.match(/^node_modules\/(@fontsource\/[^/]+)\/files\/[^/]+-(\d00)-normal\.woff2$/) ?? [];
      expect(family, file).toBeTruthy();
      expect(fontFiles).toContain(file.replace('node_modules/', ''));
      expect(main).toContain(`import '${family}/${weight}.css';`);
    }
  });
});
