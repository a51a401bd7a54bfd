export { generateCompose, dockerHosts, type ComposeFile, type DockerHost } from './generate.js';
export { DEFAULT_IMAGES, DEFAULT_LIMITS } from './defaults.js';
export { publish } from './publish.js';
export { fileReferences, fileSecrets, secretName } from './secrets.js';
