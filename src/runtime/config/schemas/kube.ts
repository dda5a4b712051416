/**
 * The Kubernetes 1.10 types users write in the lab, as kubectl's OpenAPI validation knows them
 * (type names like `io.k8s.api.core.v1.PodSpec` appear in its error messages). Rarely written
 * sub-structures (probes, volumes, affinity...) are accepted as free-form.
 */
import { any, bool, doc, int32, int64, intOrString, kubeType, listOf, mapOf, str, type ObjectSchema } from "./dsl.ts";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
const CORE = "io.k8s.api.core.v1";
const strings = (d: string) => listOf(str(), d);
const strMap = (d: string) => mapOf(str(), d);

export const objectMeta = kubeType(`${META}.ObjectMeta`, {
  name: str("Name, unique within the namespace for its kind."),
  generateName: str("Prefix for a server-generated name."),
  namespace: str("Namespace of the object (defaults to the current one)."),
  labels: strMap("Labels: selectors (Services, Deployments, Gateways) match on them."),
  annotations: strMap("Annotations, e.g. `sidecar.istio.io/inject`."),
  uid: str("Set by the server."), resourceVersion: str("Set by the server; istioctl prints it as the revision."),
  generation: int64("Set by the server."), creationTimestamp: str("Set by the server."), deletionTimestamp: str("Set by the server."),
  deletionGracePeriodSeconds: int64("Set by the server."), selfLink: str("Set by the server."), clusterName: str("Unused."),
  ownerReferences: listOf(any(), "Owners (set by controllers)."), finalizers: strings("Finalizers."), initializers: any("Initializers."),
}, [], "Standard object metadata.");

const labelSelector = kubeType(`${META}.LabelSelector`, {
  matchLabels: strMap("Labels the selected objects must have."),
  matchExpressions: listOf(any(), "Set-based requirements."),
});

const container = kubeType(`${CORE}.Container`, {
  name: str("Container name (`kubectl exec -c`, `kubectl logs <pod> <container>`)."),
  image: str("Image, e.g. `tutum/curl`."),
  command: strings("Entrypoint, e.g. `[\"/bin/sleep\", \"infinity\"]`."),
  args: strings("Arguments."), workingDir: str("Working directory."),
  ports: listOf(kubeType(`${CORE}.ContainerPort`, {
    containerPort: int32("Port number."), name: str("Port name."), protocol: str("TCP or UDP."), hostPort: int32("Host port."), hostIP: str("Host IP."),
  }, ["containerPort"]), "Exposed ports."),
  env: listOf(kubeType(`${CORE}.EnvVar`, { name: str("Variable name."), value: str("Value."), valueFrom: any("Value source.") }, ["name"]), "Environment variables."),
  envFrom: listOf(any(), "Environment sources."), resources: any("Resource requests and limits."),
  volumeMounts: listOf(kubeType(`${CORE}.VolumeMount`, { name: str("Volume name."), mountPath: str("Mount path."), readOnly: bool("Read only."), subPath: str("Sub path."), mountPropagation: str("Propagation.") }, ["mountPath", "name"]), "Volume mounts."),
  volumeDevices: listOf(any(), "Block devices."),
  imagePullPolicy: str("Always, IfNotPresent or Never.", { examples: ["Always", "IfNotPresent", "Never"] }),
  securityContext: any("Security options."), livenessProbe: any("Liveness probe."), readinessProbe: any("Readiness probe."), lifecycle: any("Lifecycle hooks."),
  stdin: bool("Allocate stdin."), stdinOnce: bool("Close stdin after one attach."), tty: bool("Allocate a TTY."),
  terminationMessagePath: str("Termination message path."), terminationMessagePolicy: str("Termination message policy."),
}, ["name"], "A container of the pod.");

export const podSpec = kubeType(`${CORE}.PodSpec`, {
  containers: listOf(container, "The containers of the pod (the sidecar `istio-proxy` is added by injection)."),
  initContainers: listOf(container, "Init containers (injection adds `istio-init`)."),
  volumes: listOf(any(), "Volumes."), restartPolicy: str("Always, OnFailure or Never."),
  terminationGracePeriodSeconds: int64("Grace period."), activeDeadlineSeconds: int64("Deadline."), dnsPolicy: str("DNS policy."),
  nodeSelector: strMap("Node labels."), serviceAccountName: str("Service account the pod runs as (its Istio identity)."),
  serviceAccount: str("Deprecated alias of serviceAccountName."), automountServiceAccountToken: bool("Mount the token."),
  nodeName: str("Node."), hostNetwork: bool("Host network."), hostPID: bool("Host PID."), hostIPC: bool("Host IPC."), shareProcessNamespace: bool("Share PID namespace."),
  securityContext: any("Pod security."), imagePullSecrets: listOf(any(), "Pull secrets."), hostname: str("Hostname."), subdomain: str("Subdomain."),
  affinity: any("Affinity."), schedulerName: str("Scheduler."), tolerations: listOf(any(), "Tolerations."), hostAliases: listOf(any(), "/etc/hosts entries."),
  priorityClassName: str("Priority class."), priority: int32("Priority."), dnsConfig: any("DNS config."),
}, ["containers"]);

const podTemplate = kubeType(`${CORE}.PodTemplateSpec`, { metadata: doc(objectMeta, "Labels here are what the Deployment's selector and Services match."), spec: podSpec });

/** A Deployment's spec in one of the API groups kubectl 1.10 serves it from. */
export function deploymentSpec(groupVersion: string): ObjectSchema {
  const prefix = `io.k8s.api.${groupVersion.replace("/", ".")}`;
  const apps = groupVersion.startsWith("apps/");
  return kubeType(`${prefix}.DeploymentSpec`, {
    replicas: int32("Number of pods."),
    selector: doc(labelSelector, "Which pods belong to the Deployment."),
    template: doc(podTemplate, "The pod template."),
    strategy: any("Update strategy."), minReadySeconds: int32("Min ready seconds."), revisionHistoryLimit: int32("Kept ReplicaSets."),
    paused: bool("Paused."), progressDeadlineSeconds: int32("Progress deadline."),
    ...(apps ? {} : { rollbackTo: any("Deprecated rollback.") }),
  }, apps ? ["selector", "template"] : ["template"], "Desired state of the Deployment.");
}

export const serviceSpec = kubeType(`${CORE}.ServiceSpec`, {
  ports: listOf(kubeType(`${CORE}.ServicePort`, {
    name: str("Port name; Istio reads the protocol from its prefix (`http`, `http-...`)."), protocol: str("TCP or UDP."),
    port: int32("Service port."), targetPort: intOrString("Container port (number or name)."), nodePort: int32("Node port."),
  }, ["port"]), "Service ports."),
  selector: strMap("Pods with these labels back the Service."),
  clusterIP: str("Cluster IP."), type: str("ClusterIP, NodePort, LoadBalancer or ExternalName."), externalIPs: strings("External IPs."),
  sessionAffinity: str("Session affinity."), loadBalancerIP: str("LB IP."), loadBalancerSourceRanges: strings("LB source ranges."),
  externalName: str("External name."), externalTrafficPolicy: str("External traffic policy."), healthCheckNodePort: int32("Health check port."),
  publishNotReadyAddresses: bool("Publish unready addresses."), sessionAffinityConfig: any("Session affinity config."),
});

export const networkPolicySpec = kubeType("io.k8s.api.networking.v1.NetworkPolicySpec", {
  podSelector: doc(labelSelector, "Pods the policy applies to."),
  ingress: listOf(any(), "Allowed ingress."), egress: listOf(any(), "Allowed egress (e.g. only to the egress gateway)."),
  policyTypes: strings("Ingress and/or Egress."),
}, ["podSelector"]);

export const namespaceSpec = kubeType(`${CORE}.NamespaceSpec`, { finalizers: strings("Finalizers.") });
export { podTemplate, labelSelector };
