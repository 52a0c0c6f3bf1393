import fs from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PluginGate } from './plugin-gate.js';

// The committed supergraph, as the gateway loads it.
const supergraph = fs.readFileSync(
  new URL('../../schema/supergraph.graphql', import.meta.url),
  'utf8',
);
const DISTRICT = '341002';
const PLUGIN = 'inter-city-exchange';

function switchOn(gate: PluginGate, enabled: boolean, version: number) {
  gate.apply({ district: DISTRICT, plugin: PLUGIN, enabled, version });
}

describe('plugin gate', () => {
  it('decides each request by the switches of the moment, though it reads a document once', () => {
    const gate = new PluginGate(supergraph);
    // One parsed document, as the engines hand a repeated operation to the gate.
    const document = parse(
      '{ districts { code } exchangeVisits(district: "341002") { nodes { id } } }',
    );

    const off = gate.check(document, DISTRICT);
    expect(off?.extensions).toMatchObject({ code: 'PLUGIN_DISABLED', plugin: PLUGIN });
    expect(off?.message).toContain('Query.exchangeVisits');

    switchOn(gate, true, 1);
    expect(gate.check(document, DISTRICT)).toBeNull();
    // Another district has not switched it on: the same document is refused there.
    expect(gate.check(document, '341003')?.extensions).toMatchObject({ plugin: PLUGIN });

    switchOn(gate, false, 2);
    expect(gate.check(document, DISTRICT)?.extensions).toMatchObject({ plugin: PLUGIN });
  });

  it('keeps a decision per document and plugin set: two districts with different sets differ, a switch changes it', () => {
    const gate = new PluginGate(supergraph);
    const OTHER = '341003';
    const RIVER = 'river-chief';
    const document = parse(
      '{ districts { code } exchangeVisits(district: "341002") { nodes { id } } }',
    );
    // Every plugin on in both districts but one: inter-city-exchange off in DISTRICT, river-chief off in OTHER.
    for (const plugin of gate.plugins()) {
      gate.apply({ district: DISTRICT, plugin, enabled: plugin !== PLUGIN, version: 1 });
      gate.apply({ district: OTHER, plugin, enabled: plugin !== RIVER, version: 1 });
    }
    expect(gate.disabledFor(DISTRICT)).toEqual([PLUGIN]);
    expect(gate.disabledFor(OTHER)).toEqual([RIVER]);
    // Asked again and again (the decision is then remembered), each district keeps its own answer.
    for (let i = 0; i < 3; i++) {
      expect(gate.check(document, DISTRICT)?.extensions).toMatchObject({
        code: 'PLUGIN_DISABLED',
        plugin: PLUGIN,
        district: DISTRICT,
      });
      expect(gate.check(document, OTHER)).toBeNull();
    }
    // A switch changes the district's set, and with it the decision it gets for the same document.
    gate.apply({ district: OTHER, plugin: PLUGIN, enabled: false, version: 2 });
    expect(gate.check(document, OTHER)?.extensions).toMatchObject({
      plugin: PLUGIN,
      district: OTHER,
    });
    gate.apply({ district: DISTRICT, plugin: PLUGIN, enabled: true, version: 2 });
    expect(gate.check(document, DISTRICT)).toBeNull();
    // A stale switch (an older version) changes nothing.
    gate.apply({ district: DISTRICT, plugin: PLUGIN, enabled: false, version: 1 });
    expect(gate.check(document, DISTRICT)).toBeNull();
    // After a reset (the platform's switches read again) the decisions follow the new switches.
    gate.reset([]);
    expect(gate.check(document, DISTRICT)?.extensions).toMatchObject({ plugin: PLUGIN });
    expect(gate.check(document, OTHER)?.extensions).toMatchObject({ plugin: PLUGIN });
  });

  it('names the first place in the document that touches a switched-off plugin', () => {
    const gate = new PluginGate(supergraph);
    const document = parse(`query {
      districts { code }
      ... on Query { cooperationMechanisms { nodes { id } } }
      exchangeVisits { nodes { id } }
    }`);
    expect(gate.check(document, DISTRICT)?.message).toContain('Query.cooperationMechanisms');
    expect(gate.check(parse('{ districts { code } }'), DISTRICT)).toBeNull();
  });

  it('refuses introspection beside data only while a plugin is off for the district', () => {
    const gate = new PluginGate(supergraph);
    const document = parse('{ __schema { queryType { name } } districts { code } }');
    expect(gate.check(document, DISTRICT)?.extensions).toMatchObject({
      code: 'BAD_REQUEST',
      rule: 'introspection-alone',
    });
    for (const plugin of gate.plugins())
      gate.apply({ district: DISTRICT, plugin, enabled: true, version: 1 });
    expect(gate.check(document, DISTRICT)).toBeNull();
  });

  it('reads documents again after the supergraph changes', () => {
    const gate = new PluginGate(supergraph);
    const document = parse('{ districts { exchangeVisits { id } } }');
    expect(gate.check(document, DISTRICT)?.extensions).toMatchObject({ plugin: PLUGIN });
    // The same graph with District.exchangeVisits handed to another plugin.
    const moved = supergraph.replace(
      /(\n {2}exchangeVisits: \[ExchangeVisit!\] @join__field\(graph: INTER_CITY_EXCHANGE\)) @tag\(name: "plugin\/inter-city-exchange"\)/,
      '$1 @tag(name: "plugin/other-plugin")',
    );
    expect(moved).not.toBe(supergraph);
    gate.load(moved);
    const again = gate.check(document, DISTRICT);
    expect(again?.extensions).toMatchObject({ plugin: 'other-plugin' });
    expect(again?.message).toContain('District.exchangeVisits');
  });
});
