import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { importRecords } from "../../src/interchange/import.ts";
import { readImportPath, readImportText } from "../../src/interchange/read.ts";
import { SeedError, type SeedProblem } from "../../src/seed/errors.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { snapshot } from "../seed/fixture.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { badDocument, expectedProblems as expected, src } from "./fixtures.ts";

const tables = [...curatedTables.map((t) => getTableName(t)), "audit_log"];
async function refusal(run: () => Promise<unknown>): Promise<SeedProblem[]> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SeedError);
  return (error as SeedError).problems;
}

describe(`an import with several bad records (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-import-errors-"));
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("JSON: lists every problem (file#entity, record, field, code) and writes nothing", async () => {
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify(badDocument, null, 2));
    const before = await snapshot(h.db, tables);
    for (const dryRun of [true, false]) {
      const problems = await refusal(() =>
        importRecords(h.db, readImportPath(path), { actor: "import", dryRun, label: path }),
      );
      for (const e of expected) {
        expect(problems, JSON.stringify(e)).toContainEqual(
          expect.objectContaining({
            file: expect.stringContaining(`#${e.entity}`),
            field: e.field,
            code: e.code,
          }),
        );
      }
      expect(problems.find((p) => p.code === "DUPLICATE_KEY")?.record).toBe(2);
      expect(problems).toHaveLength(expected.length);
    }
    expect(await snapshot(h.db, tables)).toEqual(before);
  });

  it("CSV: the same problems with their file and line, and nothing written", async () => {
    const csv = join(dir, "csv");
    mkdirSync(csv);
    writeFileSync(join(csv, "sources.csv"), `url,title,publisher\n${src},Report,Example\n`);
    writeFileSync(
      join(csv, "vendors.csv"),
      `slug,name,kind,confidence,sources\nacme,Acme,NEOCLOUD,REPORTED,"[""${src}""]"\nacme,Acme again,NEOCLOUD,REPORTED,"[""${src}""]"\n`,
    );
    writeFileSync(
      join(csv, "chips.csv"),
      `slug,name,designer,tdpW,confidence,sources\nx1,X1,acme,lots,REPORTED,"[""${src}""]"\n`,
    );
    writeFileSync(
      join(csv, "facilities.csv"),
      `slug,name,operator,country,status,pue,confidence,sources\ncampus,Campus,no-such-vendor,US,ANNOUNCED,high,REPORTED,"[""${src}""]"\n`,
    );
    writeFileSync(
      join(csv, "outages.csv"),
      `slug,title,startedAt,endedAt,severity,cause,impacts,confidence,sources\nblackout,Blackout,2025-01-02T00:00:00Z,2025-01-01T00:00:00Z,3,POWER,"[{""vendor"":""acme""}]",REPORTED,"[""${src}""]"\n`,
    );
    writeFileSync(
      join(csv, "models.csv"),
      "slug,name,developer,openWeights,confidence,sources\nm1,M1,acme,true,REPORTED,[]\n",
    );
    const before = await snapshot(h.db, tables);
    const problems = await refusal(() =>
      importRecords(h.db, readImportPath(csv), { actor: "import", label: csv }),
    );
    for (const e of expected) {
      expect(problems, JSON.stringify(e)).toContainEqual(
        expect.objectContaining({ field: e.field, code: e.code }),
      );
    }
    expect(problems).toHaveLength(expected.length);
    const dup = problems.find((p) => p.code === "DUPLICATE_KEY");
    expect(dup?.file).toMatch(/vendors\.csv$/);
    expect(dup?.line).toBe(3);
    expect(problems.filter((p) => p.code === "WRONG_TYPE").map((p) => p.line)).toEqual([2, 2]);
    expect(await snapshot(h.db, tables)).toEqual(before);
  });

  it("refuses an oversized input before parsing it", async () => {
    const text = `{"sources": [${"x".repeat(2_000)}`;
    expect(() => readImportText(text, "json", "upload", 1_000)).toThrowError(SeedError);
    try {
      readImportText(text, "json", "upload", 1_000);
    } catch (e) {
      expect((e as SeedError).problems).toEqual([expect.objectContaining({ code: "TOO_LARGE" })]);
    }
    const path = join(dir, "big.json");
    writeFileSync(path, text);
    expect(() => readImportPath(path, 1_000)).toThrowError(/limit is 1000 bytes/);
  });

  it("refuses unparseable input and unknown entities, naming them", async () => {
    const broken = readImportText('{"vendors": [', "json", "upload", 10_000);
    expect(broken.problems).toEqual([expect.objectContaining({ code: "INVALID_SYNTAX", file: "upload" })]);
    const unknown = readImportText("widgets: []\n", "yaml", "upload", 10_000);
    expect(unknown.problems).toEqual([
      expect.objectContaining({ code: "UNKNOWN_FIELD", field: "widgets", file: "upload" }),
    ]);
    const before = await snapshot(h.db, tables);
    await refusal(() => importRecords(h.db, broken, { actor: "import", label: "upload" }));
    expect(await snapshot(h.db, tables)).toEqual(before);
  });
});
