/** Exit codes: 0 ok, 1 the command failed, 2 the database could not be configured or reached, 64 bad usage. */
export const exitCodes = { ok: 0, failed: 1, database: 2, usage: 64 } as const;

export const usage = `Usage: hyperscope <command> [options]

Commands:
  migrate                              apply pending migrations
  seed [--dir DIR]                     migrate, then load the curated seed (seeds/ or DIR); idempotent
  seed --synthetic --scale N [--seed S]
                                       migrate, then bulk-load deterministic synthetic data
  export --format json|csv|yaml --out PATH
                                       write every curated record (a file for json, a folder
                                       for csv and yaml; yaml is a valid seed --dir)
  import PATH [--dry-run]              upsert every record of an export (a .json/.yaml file, a CSV
                                       folder or a seeds/ folder) in one transaction; a bad
                                       record refuses it all; --dry-run reports and writes nothing
  status [--json]                      backend, location, migrations and row counts per table
  keys create --role READER|EDITOR|ADMIN --name NAME [--json]
                                       create an API key; prints its secret once
  keys list [--json]                   list API keys (never their secrets)
  keys revoke ID                       revoke an API key
  status --coverage [--as-of DATE]     also, per index input, how many rows feed it (default: today)
  signals list [--json]                list watch signals
  subscriptions list [--json]          list digest subscriptions
  subscriptions create --slug S --cron "0 9 * * 1" [--tz Europe/Berlin] --signals a,b
      [--formats MARKDOWN,HTML,JSON] [--webhook URL] [--folder PATH] [--email ADDR] [--name N]
                                       create a subscription (webhook secret printed once)
  digest run --subscription S --at TIME [--deliver]
                                       make S's digest for slot TIME (once; never a second)
  digest preview --signals a,b [--from TIME] [--to TIME] [--format MARKDOWN|HTML|JSON]
                                       print what a digest would contain; nothing is stored
  digest resend --delivery ID          send a failed delivery again (same digest)

Options:
  -h, --help                           show this help

Environment:
  DATABASE_URL   postgres://… to use a PostgreSQL server; unset: embedded PGlite in DATA_DIR
  DATA_DIR       folder of the embedded database (default .data)
  PUBLIC_URL     base URL of GraphiQL links in digests (default http://localhost:PORT)
  SMTP_URL       smtp://… server for e-mail digests; SMTP_FROM its sender
  ANONYMOUS_READ true|false: may requests without an API key read (default true)

Exit codes: 0 ok, 1 command failed, 2 database misconfigured or unreachable, 64 bad usage.
`;
