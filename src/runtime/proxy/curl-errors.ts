/** Transport failures worded as curl 7.35 (the sleep sample's tutum/curl image) prints them. */
import type { TransportError } from "./http.ts";
import { TLS_UNKNOWN_PROTOCOL } from "../internet/internet.ts";

export const curlErrors = {
  couldNotResolve: (host: string): TransportError => ({ curlCode: 6, message: `Could not resolve host: ${host}` }),
  resolveTimeout: (ms: number): TransportError => ({ curlCode: 28, message: `Resolving timed out after ${ms} milliseconds` }),
  connectionRefused: (host: string, port: number): TransportError => ({ curlCode: 7, message: `Failed to connect to ${host} port ${port}: Connection refused` }),
  connectTimedOut: (host: string, port: number): TransportError => ({ curlCode: 7, message: `Failed to connect to ${host} port ${port}: Connection timed out` }),
  connectTimeoutAfter: (ms: number): TransportError => ({ curlCode: 28, message: `Connection timed out after ${ms} milliseconds` }),
  emptyReply: (): TransportError => ({ curlCode: 52, message: "Empty reply from server" }),
  /** The proxy closed the connection during the TLS handshake. */
  sslConnectionClosed: (host: string, port: number): TransportError => ({ curlCode: 35, message: `Unknown SSL protocol error in connection to ${host}:${port} ` }),
  /** The peer answered the ClientHello in clear text (an HTTP listener's 400). */
  sslUnknownProtocol: (): TransportError => ({ curlCode: 35, message: TLS_UNKNOWN_PROTOCOL }),
};
