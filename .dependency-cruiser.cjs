// Layer rules of docs/architecture.md §3, checked by `npm run check:layers` (part of `npm run check`
// and CI). Each rule names the direction it protects; a violation prints the rule's name.
const TESTS = '\\.test\\.tsx?$';
// The composition root opens the database and wires deps; run-cli.ts only recognises the
// data-directory lock error that opening the database may throw.
const COMPOSITION_ROOT = '^src/(bootstrap|runtime|main|cli/run-cli)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-only-core',
      comment: 'src/core is pure maths: it imports nothing of ours outside core/.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core and src/islands run in the browser too: no node:* builtins.',
      severity: 'error',
      from: { path: '^src/(core|islands)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-packages',
      comment:
        'src/core has no I/O or library dependencies (its tests may use vitest, fast-check).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg'] },
    },
    {
      name: 'domain-imports-only-core',
      comment: 'src/domain holds rules and types: it may import core/ and itself only.',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(core|domain)/' },
    },
    {
      name: 'db-imports-only-domain',
      comment:
        'src/db (client, migrations, repositories) may import domain/ types and itself only.',
      severity: 'error',
      from: { path: '^src/db/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(db|domain)/' },
    },
    {
      name: 'services-not-upwards',
      comment: 'Services are called by http/, jobs/ and cli/; they never import them or views/.',
      severity: 'error',
      from: { path: '^src/services/', pathNot: TESTS },
      to: { path: '^src/(http|views|cli|jobs)/' },
    },
    {
      name: 'db-only-from-services',
      comment:
        'Only services (and the composition root that opens the database) use db/: http, jobs, cli and views go through a service.',
      severity: 'error',
      from: { path: '^src/', pathNot: [`^src/(services|db)/`, COMPOSITION_ROOT, TESTS] },
      to: { path: '^src/db/' },
    },
    {
      name: 'sql-only-in-db',
      comment:
        'All SQL lives in db/ (repositories, client, migrations): nothing else imports the query builder or a driver at run time.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/db/', TESTS] },
      to: {
        path: 'node_modules/(kysely|pg|@electric-sql/pglite)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'http-and-jobs-not-core',
      comment:
        'http/ and jobs/ reach the maths through services (types through domain/), never core/ directly.',
      severity: 'error',
      from: { path: '^src/(http|jobs)/', pathNot: TESTS },
      to: { path: '^src/core/' },
    },
    {
      name: 'views-not-services',
      comment:
        'Views receive typed view models (domain/view-models or views-owned types), never services.',
      severity: 'error',
      from: { path: '^src/views/', pathNot: TESTS },
      to: { path: '^src/services/' },
    },
    {
      name: 'views-only-domain-and-core',
      comment: 'Views render typed view models: they import domain/ types, core/ and views/ only.',
      severity: 'error',
      from: { path: '^src/views/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(views|domain|core)/' },
    },
    {
      name: 'islands-browser-only',
      comment:
        'Islands run in the browser: they import islands/, shared views/ components, core/ and domain/ only.',
      severity: 'error',
      from: { path: '^src/islands/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(islands|views|core|domain)/' },
    },
    {
      name: 'src-not-test',
      comment: 'Shipped code never imports test helpers or factories (tests beside the code may).',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
