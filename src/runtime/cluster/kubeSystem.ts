/**
 * The Kubernetes 1.10 cluster under Istio: one node, the built-in namespaces, the `kubernetes`
 * Service, and kube-dns (which `*.svc.cluster.local` names and the blog's curl rely on).
 */
import type { KubeObject } from "./objects.ts";
import { API_SERVER_IP, NODE_IP, NODE_NAME } from "./ipam.ts";

/** A namespace as the API server shows it once created (the controller would add the same). */
export function namespaceObject(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } };
}

export function nodeObject(): KubeObject {
  const resources = { cpu: "4", "ephemeral-storage": "102685624Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", memory: "16424256Ki", pods: "110" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: NODE_NAME,
      labels: {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/instance-type": "b2c.4x16",
        "beta.kubernetes.io/os": "linux",
        "failure-domain.beta.kubernetes.io/region": "us-south",
        "failure-domain.beta.kubernetes.io/zone": "dal10",
        "kubernetes.io/hostname": NODE_NAME,
      },
    },
    spec: { externalID: NODE_NAME, podCIDR: "172.30.146.0/24" },
    status: {
      addresses: [{ address: NODE_IP, type: "InternalIP" }, { address: NODE_NAME, type: "Hostname" }],
      allocatable: { ...resources, cpu: "3910m", memory: "13484864Ki" },
      capacity: resources,
      conditions: [
        { message: "kubelet has sufficient disk space available", reason: "KubeletHasSufficientDisk", status: "False", type: "OutOfDisk" },
        { message: "kubelet has sufficient memory available", reason: "KubeletHasSufficientMemory", status: "False", type: "MemoryPressure" },
        { message: "kubelet has no disk pressure", reason: "KubeletHasNoDiskPressure", status: "False", type: "DiskPressure" },
        { message: "kubelet has sufficient PID available", reason: "KubeletHasSufficientPID", status: "False", type: "PIDPressure" },
        { message: "kubelet is posting ready status. AppArmor enabled", reason: "KubeletReady", status: "True", type: "Ready" },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        containerRuntimeVersion: "docker://17.6.2",
        kernelVersion: "4.4.0-127-generic",
        kubeProxyVersion: "v1.10.3+IKS",
        kubeletVersion: "v1.10.3+IKS",
        operatingSystem: "linux",
        osImage: "Ubuntu 16.04.4 LTS",
      },
    },
  };
}

/** Node, namespaces and the API server's own Service, as on any fresh cluster. */
export function clusterBaseObjects(): KubeObject[] {
  return [
    nodeObject(),
    namespaceObject("default"),
    namespaceObject("kube-public"),
    namespaceObject("kube-system"),
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver", provider: "kubernetes" } },
      spec: { clusterIP: "10.0.0.1", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 443 }], sessionAffinity: "ClientIP", type: "ClusterIP" },
    },
    {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "kubernetes", namespace: "default" },
      subsets: [{ addresses: [{ ip: API_SERVER_IP }], ports: [{ name: "https", port: 443, protocol: "TCP" }] }],
    },
  ];
}

export function kubeSystemObjects(): KubeObject[] {
  const dnsImage = (c: string) => `k8s.gcr.io/k8s-dns-${c}-amd64:1.14.10`;
  return [
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: {
        name: "kube-dns",
        namespace: "kube-system",
        labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "KubeDNS" },
      },
      spec: {
        clusterIP: "10.0.0.10",
        ports: [{ name: "dns", port: 53, protocol: "UDP", targetPort: 53 }, { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 }],
        selector: { "k8s-app": "kube-dns" },
        type: "ClusterIP",
      },
    },
    {
      apiVersion: "extensions/v1beta1",
      kind: "Deployment",
      metadata: { name: "kube-dns", namespace: "kube-system", labels: { "k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { "k8s-app": "kube-dns" } },
        template: {
          metadata: { labels: { "k8s-app": "kube-dns" } },
          spec: {
            containers: [
              { args: ["--domain=cluster.local.", "--dns-port=10053", "--config-dir=/kube-dns-config", "--v=2"], image: dnsImage("kube-dns"), name: "kubedns",
                ports: [{ containerPort: 10053, name: "dns-local", protocol: "UDP" }, { containerPort: 10053, name: "dns-tcp-local", protocol: "TCP" }, { containerPort: 10055, name: "metrics", protocol: "TCP" }],
                resources: { limits: { memory: "170Mi" }, requests: { cpu: "100m", memory: "70Mi" } } },
              { args: ["-v=2", "-logtostderr", "-configDir=/etc/k8s/dns/dnsmasq-nanny", "-restartDnsmasq=true", "--", "-k", "--cache-size=1000", "--no-negcache", "--log-facility=-", "--server=/cluster.local/127.0.0.1#10053"],
                image: dnsImage("dnsmasq-nanny"), name: "dnsmasq",
                ports: [{ containerPort: 53, name: "dns", protocol: "UDP" }, { containerPort: 53, name: "dns-tcp", protocol: "TCP" }],
                resources: { requests: { cpu: "150m", memory: "20Mi" } } },
              { args: ["--v=2", "--logtostderr", "--probe=kubedns,127.0.0.1:10053,kubernetes.default.svc.cluster.local,5,SRV", "--probe=dnsmasq,127.0.0.1:53,kubernetes.default.svc.cluster.local,5,SRV"],
                image: dnsImage("sidecar"), name: "sidecar", ports: [{ containerPort: 10054, name: "metrics", protocol: "TCP" }],
                resources: { requests: { cpu: "10m", memory: "20Mi" } } },
            ],
            dnsPolicy: "Default",
            serviceAccountName: "kube-dns",
          },
        },
      },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "kube-dns", namespace: "kube-system", labels: { "kubernetes.io/cluster-service": "true" } } },
  ];
}
