import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../../../src/runtime/node/build-widget';

const CLIENT = join(import.meta.dirname, '../../../../src/server/channels/widget/client');

describe('widget.js bundle', () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await buildWidget();
  });

  it('is one minified script, its stylesheet included, of at most 25 KB gzipped', () => {
    const gzipped = gzipSync(bundle, { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(25 * 1024);
    expect(bundle).not.toMatch(/\n\s{2,}|\/\*|\{\s+--/); // no indentation or comments, in code or CSS
    expect(bundle).toContain(':host{all:initial!important');
  });

  it('is an IIFE in ES2019 syntax (no optional chaining or ?? left for old browsers to choke on)', () => {
    expect(bundle.trimStart()).toMatch(/^\(\(\)=>\{|^\(function\(\)\{|^"use strict";\(\(\)=>\{/);
    expect(bundle).not.toMatch(/\?\.[a-zA-Z_$(]/);
    expect(bundle).not.toMatch(/\?\?/);
  });

  it('never turns strings into markup: no innerHTML, outerHTML, insertAdjacentHTML or document.write anywhere', () => {
    const sinks = /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/;
    expect(bundle).not.toMatch(sinks);
    for (const file of readdirSync(CLIENT)) expect(readFileSync(join(CLIENT, file), 'utf8'), file).not.toMatch(sinks);
  });
});
