/**
 * networking.istio.io/v1alpha3 as Istio 0.8.0's protos define it (istio/api at the 0.8
 * release): field names, types and enum orders, so jsonpb's errors and defaults come out right.
 */
import { bool, doc, duration, enumOf, int32, listOf, mapOf, message, str, uint32, uint64, type ObjectSchema } from "./dsl.ts";

const NS = "istio.networking.v1alpha3";
const strings = (d: string) => listOf(str(), d);
const labels = (d: string) => mapOf(str(), d);

const port = message("v1alpha3.Port", {
  number: uint32("A valid non-negative integer port number."),
  protocol: str("The protocol exposed on the port: HTTP, HTTPS, GRPC, HTTP2, MONGO, TCP, TLS.", { examples: ["HTTP", "HTTPS", "HTTP2", "GRPC", "TCP", "TLS", "MONGO"] }),
  name: str("Label assigned to the port."),
});

const serverTls = message("v1alpha3.Server_TLSOptions", {
  httpsRedirect: bool("If true, the load balancer sends a 301 redirect for all HTTP connections, asking clients to use HTTPS."),
  mode: enumOf(`${NS}.Server_TLSOptions_TLSmode`, ["PASSTHROUGH", "SIMPLE", "MUTUAL"], "How TLS is enforced: PASSTHROUGH forwards by SNI, SIMPLE and MUTUAL terminate TLS."),
  serverCertificate: str("Path to the server certificate (required for SIMPLE and MUTUAL)."),
  privateKey: str("Path to the server's private key."),
  caCertificates: str("Path to the CA bundle used to verify client certificates (MUTUAL)."),
  subjectAltNames: strings("Alternate names that verify the subject identity of client certificates."),
});

const server = message("v1alpha3.Server", {
  port: doc(port, "The port on which the proxy listens for incoming connections."),
  hosts: strings("Hosts exposed by this gateway, e.g. `edition.cnn.com` or `*`."),
  tls: doc(serverTls, "TLS settings of this server."),
});

export const gatewaySpec = message("v1alpha3.Gateway", {
  servers: listOf(server, "The servers (ports, hosts, TLS) of this gateway."),
  selector: labels("Labels selecting the gateway pods, e.g. `istio: egressgateway`."),
}, "A load balancer at the edge of the mesh (ingress or egress).");

const stringMatch = message("v1alpha3.StringMatch", {
  exact: str("Exact string match."),
  prefix: str("Prefix-based match."),
  regex: str("ECMAScript-style regex match, implicitly anchored at both ends."),
}, "One of `exact`, `prefix` or `regex`.");

const portSelector = message("v1alpha3.PortSelector", {
  number: uint32("Port number."),
  name: str("Port name."),
}, "A port by number (or by name).");

const destination = message("v1alpha3.Destination", {
  host: str("The service registry name (or ServiceEntry host) traffic is sent to, e.g. `edition.cnn.com`."),
  subset: str("A subset defined in the DestinationRule of the host."),
  port: doc(portSelector, "The port of the host traffic is sent to."),
});

const destinationWeight = message("v1alpha3.DestinationWeight", {
  destination: doc(destination, "Where matching requests are forwarded."),
  weight: int32("Share of traffic (0-100) for this destination."),
});

const httpMatch = message("v1alpha3.HTTPMatchRequest", {
  uri: doc(stringMatch, "Match on the request path. `regex` ignores the query string and must match the whole path."),
  scheme: doc(stringMatch, "Match on the URI scheme."),
  method: doc(stringMatch, "Match on the HTTP method."),
  authority: doc(stringMatch, "Match on the Host/authority."),
  headers: mapOf(stringMatch, "Header matches; names must be lower case."),
  port: uint32("Match only requests arriving on this port (service port for sidecars, server port for gateways)."),
  sourceLabels: labels("Match only requests from workloads with these labels."),
  gateways: strings("Names of gateways where the rule applies (`mesh` for sidecars)."),
});

const httpRoute = message("v1alpha3.HTTPRoute", {
  match: listOf(httpMatch, "Conditions (ORed) for the rule to apply. No match = catch-all."),
  route: listOf(destinationWeight, "Destinations for matching requests."),
  redirect: message("v1alpha3.HTTPRedirect", { uri: str("Overwrite the path."), authority: str("Overwrite the authority/Host.") }, "Send a 301 redirect instead of forwarding."),
  rewrite: message("v1alpha3.HTTPRewrite", { uri: str("Rewrite the path (prefix)."), authority: str("Rewrite the authority/Host.") }, "Rewrite the request before forwarding."),
  websocketUpgrade: bool("Allow WebSocket upgrades."),
  timeout: duration("Timeout for the request, e.g. `5s`."),
  retries: message("v1alpha3.HTTPRetry", { attempts: int32("Number of retries."), perTryTimeout: duration("Timeout per try.") }, "Retry policy."),
  fault: message("v1alpha3.HTTPFaultInjection", {
    delay: message("v1alpha3.HTTPFaultInjection_Delay", { percent: int32("Percentage of requests delayed."), fixedDelay: duration("Delay, e.g. `5s`."), exponentialDelay: duration("(not supported)") }),
    abort: message("v1alpha3.HTTPFaultInjection_Abort", { percent: int32("Percentage of requests aborted."), httpStatus: int32("HTTP status to return."), grpcStatus: str("(not supported)"), http2Error: str("(not supported)") }),
  }, "Fault injection."),
  mirror: doc(destination, "Mirror traffic to this destination as well."),
  corsPolicy: message("v1alpha3.CorsPolicy", {
    allowOrigin: strings("Allowed origins."), allowMethods: strings("Allowed methods."), allowHeaders: strings("Allowed headers."),
    exposeHeaders: strings("Exposed headers."), maxAge: duration("How long preflight results are cached."), allowCredentials: bool("Allow credentials."),
  }, "Cross-origin resource sharing policy."),
  appendHeaders: labels("Headers added to forwarded requests."),
});

const tlsMatch = message("v1alpha3.TLSMatchAttributes", {
  sniHosts: strings("SNI values to match."), destinationSubnet: str("Destination IPv4 subnet."), port: uint32("Port."),
  sourceSubnet: str("Source IPv4 subnet."), sourceLabels: labels("Source workload labels."), gateways: strings("Gateways where the rule applies."),
});

const l4Match = message("v1alpha3.L4MatchAttributes", {
  destinationSubnet: str("Destination IPv4 subnet."), port: uint32("Port."), sourceSubnet: str("Source IPv4 subnet."),
  sourceLabels: labels("Source workload labels."), gateways: strings("Gateways where the rule applies."),
});

export const virtualServiceSpec = message("v1alpha3.VirtualService", {
  hosts: strings("Destination hosts the rules apply to, e.g. `edition.cnn.com`."),
  gateways: strings("Gateways (and/or `mesh` for sidecars) that apply these routes. Empty means `mesh` only."),
  http: listOf(httpRoute, "HTTP routes, evaluated in order; the first match wins."),
  tls: listOf(message("v1alpha3.TLSRoute", { match: listOf(tlsMatch, "Match conditions."), route: listOf(destinationWeight, "Destination.") }), "Routes for TLS/HTTPS passthrough traffic (by SNI)."),
  tcp: listOf(message("v1alpha3.TCPRoute", { match: listOf(l4Match, "Match conditions."), route: listOf(destinationWeight, "Destination.") }), "Routes for opaque TCP traffic."),
}, "Routing rules for traffic to a set of hosts.");

const simpleLb = enumOf(`${NS}.LoadBalancerSettings_SimpleLB`, ["ROUND_ROBIN", "LEAST_CONN", "RANDOM", "PASSTHROUGH"], "Standard load balancing algorithm.");
const loadBalancer = message("v1alpha3.LoadBalancerSettings", {
  simple: simpleLb,
  consistentHash: message("v1alpha3.LoadBalancerSettings_ConsistentHashLB", { httpHeader: str("Header to hash on."), minimumRingSize: uint64("Ring size.") }),
}, "Load balancing policy.");
const connectionPool = message("v1alpha3.ConnectionPoolSettings", {
  tcp: message("v1alpha3.ConnectionPoolSettings_TCPSettings", { maxConnections: int32("Max connections."), connectTimeout: duration("TCP connect timeout.") }),
  http: message("v1alpha3.ConnectionPoolSettings_HTTPSettings", {
    http1MaxPendingRequests: int32("Max pending HTTP/1.1 requests."), http2MaxRequests: int32("Max HTTP/2 requests."),
    maxRequestsPerConnection: int32("Max requests per connection."), maxRetries: int32("Max outstanding retries."),
  }),
}, "Connection pool limits.");
const outlierDetection = message("v1alpha3.OutlierDetection", {
  consecutiveErrors: int32("5xx errors before ejection."), interval: duration("Sweep interval."),
  baseEjectionTime: duration("Minimum ejection time."), maxEjectionPercent: int32("Max % of hosts ejected."),
}, "Circuit breaking by ejecting failing hosts.");
const tlsSettings = message("v1alpha3.TLSSettings", {
  mode: enumOf(`${NS}.TLSSettings_TLSmode`, ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"], "`SIMPLE` originates TLS to the upstream (what the egress gateway does for edition.cnn.com)."),
  clientCertificate: str("Client certificate path (MUTUAL)."), privateKey: str("Private key path (MUTUAL)."),
  caCertificates: str("CA bundle to verify the server."), subjectAltNames: strings("Names that verify the server's identity."),
  sni: str("SNI to present during the handshake."),
}, "TLS to the upstream.");

const policyFields = { loadBalancer, connectionPool, outlierDetection, tls: tlsSettings };
const trafficPolicy: ObjectSchema = message("v1alpha3.TrafficPolicy", {
  ...policyFields,
  portLevelSettings: listOf(message("v1alpha3.TrafficPolicy_PortTrafficPolicy", { port: doc(portSelector, "The port these settings apply to."), ...policyFields }), "Per-port overrides."),
}, "Traffic policy for a destination.");

export const destinationRuleSpec = message("v1alpha3.DestinationRule", {
  host: str("The service (or ServiceEntry host) the rule applies to."),
  trafficPolicy,
  subsets: listOf(message("v1alpha3.Subset", { name: str("Subset name."), labels: labels("Pod labels of the subset."), trafficPolicy }), "Named versions of the service."),
}, "Policies applied to traffic for a service after routing.");

export const serviceEntrySpec = message("v1alpha3.ServiceEntry", {
  hosts: strings("Hosts of the external (or internal) service, e.g. `edition.cnn.com`."),
  addresses: strings("Virtual IPs of the service."),
  ports: listOf(port, "Ports of the service."),
  location: enumOf(`${NS}.ServiceEntry_Location`, ["MESH_EXTERNAL", "MESH_INTERNAL"], "Whether the service is outside the mesh."),
  resolution: enumOf(`${NS}.ServiceEntry_Resolution`, ["NONE", "STATIC", "DNS"], "How endpoints are found: DNS resolves the hosts."),
  endpoints: listOf(message("v1alpha3.ServiceEntry_Endpoint", {
    address: str("IP or DNS name of the endpoint."), ports: mapOf(uint32(), "Port name -> number."), labels: labels("Endpoint labels."),
  }), "Endpoints of the service (STATIC/DNS)."),
}, "Adds an entry (for example an external host) to Istio's service registry.");
