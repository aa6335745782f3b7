import { once } from "node:events";
import { createWriteStream } from "node:fs";

/** A file written through a stream, waiting for the stream to drain so memory stays bounded. */
export interface OutputFile {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens (creates or truncates) `path` for streamed writing. */
export function openOutput(path: string): OutputFile {
  const stream = createWriteStream(path, { encoding: "utf8" });
  let failure: Error | undefined;
  stream.on("error", (error) => {
    failure = error;
  });
  return {
    async write(text) {
      if (failure) throw failure;
      // once() rejects when the stream emits "error" while waiting.
      if (!stream.write(text)) await once(stream, "drain");
      if (failure) throw failure;
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
      }),
  };
}
