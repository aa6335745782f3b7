import { writeFileSync } from "node:fs";
import { createGraphqlSchema } from "../api/schema.ts";
import {
  ACKNOWLEDGED,
  changeKey,
  PRINTED_SCHEMA,
  parseAcknowledged,
  printContract,
  RELEASED_SCHEMA,
  readText,
  unacknowledgedBreakingChanges,
} from "./schema-contract.ts";

/**
 * `npm run schema:print` writes schema.graphql; `npm run schema:check` fails (exit 1) when
 * schema.graphql is not current or when it breaks schema/released.graphql without acknowledgement;
 * `npm run schema:release` copies schema.graphql to schema/released.graphql (at a release).
 */
async function main(command: string | undefined): Promise<number> {
  const printed = printContract(createGraphqlSchema());
  if (command === "print") {
    writeFileSync(PRINTED_SCHEMA, printed);
    process.stdout.write(`wrote ${PRINTED_SCHEMA}\n`);
    return 0;
  }
  if (command === "release") {
    writeFileSync(RELEASED_SCHEMA, printed);
    process.stdout.write(`wrote ${RELEASED_SCHEMA}\n`);
    return 0;
  }
  if (command !== "check") {
    process.stderr.write("usage: schema print | check | release\n");
    return 2;
  }
  let status = 0;
  if (readText(PRINTED_SCHEMA) !== printed) {
    process.stderr.write("schema.graphql is not current: run `npm run schema:print` and commit it\n");
    status = 1;
  }
  const breaking = await unacknowledgedBreakingChanges(
    readText(RELEASED_SCHEMA),
    printed,
    parseAcknowledged(readText(ACKNOWLEDGED)),
  );
  for (const c of breaking) process.stderr.write(`BREAKING ${changeKey(c)}: ${c.message}\n`);
  if (breaking.length > 0) {
    process.stderr.write(
      `${breaking.length} breaking change(s) against schema/released.graphql; acknowledge each in schema/acknowledged-changes.txt if intended\n`,
    );
    status = 1;
  }
  if (status === 0) process.stdout.write("schema contract: current, no unacknowledged breaking change\n");
  return status;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`schema: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
