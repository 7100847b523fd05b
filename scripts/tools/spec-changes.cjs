// Compares two OpenAPI 3 files with Optic (pinned in package.json) and prints, as JSON, every
// difference Optic finds and every breaking-change rule that fails, so that scripts/regenerate
// can group the changes. The diff and the rules are Optic's; this file only wires them up.
//   node scripts/tools/spec-changes.cjs OLD.yml NEW.yml
'use strict';

process.env.OPTIC_TELEMETRY_LEVEL = 'off'; // no telemetry: traffic stays on this machine

const { loadSpec } = require('@useoptic/optic/build/utils/spec-loaders');
const { compareSpecs } = require('@useoptic/openapi-utilities');
const { RuleRunner, OperationRule, RequestRule, RuleError } = require('@useoptic/rulesets-base');
const { BreakingChangesRuleset } = require('@useoptic/standard-rulesets');

// What breaks a generated SDK beyond what Optic's standard ruleset covers: a generated function
// is named after its operationId, carries the operation's credentials, and its request model
// loses an attribute when a request property goes.
const sdkRules = [
  new OperationRule({
    name: 'prevent operationId changes',
    rule: (operation) => {
      operation.changed((before, after) => {
        if (before.value.operationId !== after.value.operationId) {
          throw new RuleError({
            message: `operationId changed from '${before.value.operationId}' to '${after.value.operationId}'. This is a breaking change.`,
          });
        }
      });
    },
  }),
  new OperationRule({
    name: 'prevent security changes',
    rule: (operation) => {
      operation.changed((before, after) => {
        const was = JSON.stringify(before.value.security ?? null);
        const now = JSON.stringify(after.value.security ?? null);
        if (was !== now) {
          throw new RuleError({
            message: `security changed from ${was} to ${now}. This is a breaking change.`,
          });
        }
      });
    },
  }),
  ...['query', 'header', 'path', 'cookie'].map(
    (location) =>
      new OperationRule({
        name: `prevent ${location} parameter removal`,
        rule: (operation) => {
          operation[`${location}Parameter`].removed((parameter) => {
            throw new RuleError({
              message: `cannot remove ${location} parameter '${parameter.value.name}'. This is a breaking change.`,
            });
          });
        },
      }),
  ),
  new RequestRule({
    name: 'prevent removing request property',
    rule: (request) => {
      request.property.removed((property) => {
        throw new RuleError({
          message: `cannot remove request property '${property.value.key}'. This is a breaking change.`,
        });
      });
    },
  }),
];

async function main() {
  const [before, after] = process.argv.slice(2);
  if (!before || !after) {
    process.stderr.write('usage: spec-changes.cjs OLD.yml NEW.yml\n');
    process.exit(2);
  }
  const config = { root: process.cwd(), vcs: undefined, external_refs: undefined };
  const options = { strict: false, denormalize: true };
  const from = await loadSpec(before, config, options);
  const to = await loadSpec(after, config, options);
  const runner = new RuleRunner([new BreakingChangesRuleset(), ...sdkRules]);
  const { diffs, results } = await compareSpecs(from, to, runner, {});
  process.stdout.write(
    JSON.stringify({
      diffs,
      failures: results
        .filter((r) => !r.passed && !r.exempted)
        .map((r) => ({ rule: r.name, error: r.error, location: r.location, type: r.type })),
    }),
  );
}

main().catch((error) => {
  process.stderr.write(`spec-changes: ${error && error.message ? error.message : error}\n`);
  process.exit(1);
});
