export { generateKubernetes, scrapeSection, type Received } from './generate.js';
export { manifests, plain, KIND_ORDER, type KubeObject, type Manifest } from './manifest.js';
export { mountPointsRegex, nodeExporterArgs, apiGroupOf } from './stack.js';
export { CHECKSUM_ANNOTATION, PART_OF } from './meta.js';
