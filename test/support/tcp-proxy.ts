import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy to 127.0.0.1:`targetPort` for network faults. `refuseNew()` stops listening (new
 * connections are refused, as by a database that is going away) while open ones keep working;
 * `acceptAgain()` listens again on the same port; `dropAll()` cuts every open connection.
 */
export interface TcpProxy {
  port: number;
  refuseNew(): Promise<void>;
  acceptAgain(): Promise<void>;
  dropAll(): void;
  /** Refuses new connections and cuts the open ones. */
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {}); // either side's end ends both
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  await listen(0);
  const { port } = server.address() as { port: number };
  const refuseNew = async () => {
    if (server.listening) server.close(); // stops listening at once; open sockets stay
  };
  const dropAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port,
    refuseNew,
    acceptAgain: async () => {
      if (!server.listening) await listen(port);
    },
    dropAll,
    close: async () => {
      await refuseNew();
      dropAll();
    },
  };
}
