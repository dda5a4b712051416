// The monaco-yaml language server, as a worker entry of our own so Vite bundles it with `?worker`
// (and with the aliases of ./vite: the monaco-worker-manager path fix and the prettier stub).
import "monaco-yaml/yaml.worker.js";
