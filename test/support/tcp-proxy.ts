import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy to 127.0.0.1:`port` for network faults: `refuseNew()` stops accepting connections
 * (as a database that is going away does) while the ones already open keep working.
 */
export interface TcpProxy {
  port: number;
  refuseNew(): Promise<void>;
  /** Closes every open connection (and refuses new ones). */
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {}); // the other side's close ends both
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  let closed: Promise<void> | undefined;
  const refuseNew = () => {
    closed ??= new Promise<void>((resolve) => server.close(() => resolve()));
    return Promise.resolve();
  };
  return {
    port,
    refuseNew,
    close: async () => {
      await refuseNew();
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
