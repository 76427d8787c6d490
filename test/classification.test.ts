import path from 'node:path';
import { parse, print, type DocumentNode } from 'graphql';
import { composeServices } from '@apollo/composition';
import { composeDocuments, composeSupergraph, CompositionError } from '../gateway/compose';
import { checkClassifications, classificationsOf, interfaceFieldRequirements } from '../shared/policy/classification';
import { subgraphSdl } from '../subgraphs';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { loadConfig } from '../shared/config';

const SUBGRAPHS_DIR = path.resolve(__dirname, '../subgraphs');

function documents(edit: (name: string, sdl: string) => string = (_n, sdl) => sdl) {
  return SUBGRAPH_NAMES.map((name) => ({
    name,
    url: `http://127.0.0.1/${name}`,
    document: parse(edit(name, subgraphSdl(path.join(SUBGRAPHS_DIR, name)))),
  }));
}

function compositionProblems(edit: (name: string, sdl: string) => string): string[] {
  try {
    composeDocuments(documents(edit));
  } catch (error) {
    if (error instanceof CompositionError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('classification of the graph', () => {
  it('classifies every field of every subgraph, so the graph composes', () => {
    expect(compositionProblems((_n, sdl) => sdl)).toEqual([]);
  });

  it('fails composition on a field nobody classified (deny by default)', () => {
    const problems = compositionProblems((name, sdl) =>
      name === 'finance' ? sdl.replace('  institutionName: String!', '  institutionName: String!\n  internalRiskNote: String') : sdl,
    );
    expect(problems).toEqual([]); // the type-level directive of CreditAccount covers a new field
    const unclassified = compositionProblems((name, sdl) =>
      name === 'finance'
        ? sdl.replace(
            'type CreditSummary @classify(category: "finance.credit", level: "RESTRICTED") {',
            'type CreditSummary {',
          )
        : sdl,
    );
    expect(unclassified).toEqual([
      '[finance] CreditSummary.accountCount is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[finance] CreditSummary.openAccountCount is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[finance] CreditSummary.totalBalance is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[finance] CreditSummary.overdueAccountCount is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[finance] CreditSummary.worstClassification is not classified: add @classify to the field or its type (unclassified fields are denied)',
    ]);
  });

  it('fails composition when two subgraphs classify the same field differently, which composition alone lets through', () => {
    const edit = (name: string, sdl: string) =>
      name === 'taxation' ? sdl.replace('code: ID! @classify(category: "registry.identity", level: "PUBLIC")', 'code: ID! @classify(category: "registry.identity", level: "SHARED")') : sdl;
    // Plain composition keeps the most frequent arguments and only hints.
    const plain = composeServices(documents(edit).map((d) => ({ name: d.name, url: d.url, typeDefs: d.document })));
    expect(plain.errors).toBeUndefined();
    expect(compositionProblems(edit)).toEqual([
      'Subject.code is classified registry.identity/PUBLIC in registry but registry.identity/SHARED in taxation',
    ]);
  });

  it('fails composition on an unknown level or a category missing from the catalogue', () => {
    const problems = compositionProblems((name, sdl) =>
      name === 'healthcare'
        ? sdl
            .replace('@classify(category: "health.licence", level: "PUBLIC")', '@classify(category: "health.licence", level: "OPEN")')
            .replace('@classify(category: "health.assessment", level: "SHARED")', '@classify(category: "health.assesment", level: "SHARED")')
        : sdl,
    );
    // The first occurrences of those directives are on the profile's list fields.
    expect(problems).toEqual([
      '[healthcare] HealthcareProfile.practiceLicences: level "OPEN" is not one of PUBLIC, SHARED, RESTRICTED, SPECIAL',
      '[healthcare] HealthcareProfile.periodicAssessments: category "health.assesment" is not in the catalogue (shared/policy/categories.ts)',
      '[healthcare] HealthcareProfile.practiceLicences is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[healthcare] HealthcareProfile.periodicAssessments is not classified: add @classify to the field or its type (unclassified fields are denied)',
      '[supergraph] HealthcareProfile.practiceLicences: level "OPEN" is not one of PUBLIC, SHARED, RESTRICTED, SPECIAL',
      '[supergraph] HealthcareProfile.periodicAssessments: category "health.assesment" is not in the catalogue (shared/policy/categories.ts)',
    ]);
  });

  it('catches a supergraph whose composition downgraded a classification', () => {
    const docs = documents();
    const { supergraphSdl } = composeSupergraph(loadConfig({}).subgraphs);
    const downgraded: DocumentNode = parse(
      supergraphSdl.replace(
        'type CreditAccount implements CreditRecord\n  @join__implements(graph: FINANCE, interface: "CreditRecord")\n  @join__type(graph: FINANCE)\n  @classify(category: "finance.credit", level: "RESTRICTED")',
        'type CreditAccount implements CreditRecord\n  @join__implements(graph: FINANCE, interface: "CreditRecord")\n  @join__type(graph: FINANCE)\n  @classify(category: "finance.credit", level: "PUBLIC")',
      ),
    );
    expect(print(downgraded)).toContain('level: "PUBLIC"');
    const problems = checkClassifications(docs, downgraded);
    expect(problems).toContain('the supergraph classifies CreditAccount.balance finance.credit/PUBLIC, but finance classifies it finance.credit/RESTRICTED');
  });

  it('requires, for a field selected through an interface, the classification of every implementation, strictest first', () => {
    const finance = classificationsOf(documents().find((d) => d.name === 'finance')!.document);
    expect(interfaceFieldRequirements(finance, 'CreditRecord', 'decisionDate')).toEqual([
      { category: 'finance.assets', level: 'SPECIAL', publicWhen: null },
      { category: 'finance.credit', level: 'RESTRICTED', publicWhen: null },
      { category: 'finance.judicial', level: 'SHARED', publicWhen: 'the obligation is not yet performed and publicityEndsOn is null or has not passed' },
      { category: 'finance.judicial', level: 'PUBLIC', publicWhen: null },
    ]);
  });

  it('publishes a catalogue that lists every field with its category and level', () => {
    const { catalogue } = composeSupergraph(loadConfig({}).subgraphs);
    expect(catalogue).toContainEqual({ type: 'CreditAccount', field: 'balance', category: 'finance.credit', level: 'RESTRICTED', publicWhen: null, subgraphs: ['finance'] });
    expect(catalogue).toContainEqual({
      type: 'TaxCreditRating',
      field: 'grade',
      category: 'tax.rating',
      level: 'SHARED',
      publicWhen: 'grade is A',
      subgraphs: ['taxation'],
    });
    expect(catalogue.find((e) => e.type === 'Subject' && e.field === 'code')?.subgraphs).toEqual([...SUBGRAPH_NAMES]);
  });
});
